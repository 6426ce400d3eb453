import MarginaliaCorpus

/// The seeded generator every random test uses: the benchmark corpus's SplitMix64,
/// whose draws do not depend on the standard library's algorithms, so the seed a
/// failing test names replays the same run on any machine and toolchain.
public typealias SplitMix64 = MarginaliaCorpus.SplitMix64

extension SplitMix64 {
    /// A uniform integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { int(in: range) }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: Collection>(_ collection: C) -> C.Element {
        collection[collection.index(collection.startIndex, offsetBy: below(collection.count))]
    }
}
