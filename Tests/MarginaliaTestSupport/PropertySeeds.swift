import Foundation

/// The seeds a property test of the binary runs: `NAME_SEED=S` alone (to replay a
/// failure), else 1…N with `NAME_SEEDS=N`, else 1…`defaultCount`.
public func propertySeeds(_ name: String, default defaultCount: Int) -> [UInt64] {
    let environment = ProcessInfo.processInfo.environment
    if let text = environment["\(name)_SEED"], let seed = UInt64(text) { return [seed] }
    let count = environment["\(name)_SEEDS"].flatMap { Int($0) } ?? defaultCount
    return (1...UInt64(max(count, 1))).map { $0 }
}
