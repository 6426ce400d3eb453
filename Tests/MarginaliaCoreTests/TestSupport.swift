import Foundation
import MarginaliaCore

/// Well-known identifiers whose order is the order of their letters.
enum Fixture {
    static func replica(_ letter: Character) -> ReplicaID {
        ReplicaID(String(repeating: letter, count: 16))!
    }

    static let a = replica("a")
    static let b = replica("b")
    static let c = replica("c")
    static let d = replica("d")
    static let e = replica("e")

    static let article = EntityID("0000000000000art")!
    static let annotation = EntityID("00000000000000an")!

    static func dot(_ replica: ReplicaID, _ counter: UInt64) -> Dot { Dot(replica: replica, counter: counter) }

    static func vector(_ entries: [(ReplicaID, UInt64)]) -> VersionVector {
        var vector = VersionVector()
        for (replica, counter) in entries { vector[replica] = max(vector[replica], counter) }
        return vector
    }

    /// A change to the fixture article.
    static func change(
        _ replica: ReplicaID, _ counter: UInt64, lamport: UInt64? = nil, time: Int64 = 1_000,
        entity: EntityID = Fixture.article, kind: EntityKind = .article,
        fields: [FieldName: FieldValue], context: VersionVector = VersionVector()
    ) -> Change {
        Change(
            dot: Dot(replica: replica, counter: counter), lamport: lamport ?? counter, time: time,
            entity: entity, kind: kind, fields: fields, context: context)
    }

    /// A fresh article state with `changes` applied in order.
    static func article(_ changes: [Change]) -> EntityState {
        var state = EntityState(id: Fixture.article, kind: .article)
        for change in changes { state.apply(change) }
        return state
    }
}

/// How many seeds property tests run: `MARGINALIA_PROPERTY_SEEDS` when set, else `defaultCount`.
func propertySeedCount(default defaultCount: Int) -> Int {
    if let text = ProcessInfo.processInfo.environment["MARGINALIA_PROPERTY_SEEDS"],
       let count = Int(text.trimmingCharacters(in: .whitespaces)), count > 0 {
        return count
    }
    return defaultCount
}

/// The first seed of property tests: `MARGINALIA_PROPERTY_FIRST_SEED` when set (to replay a failure), else 1.
func propertyFirstSeed() -> UInt64 {
    if let text = ProcessInfo.processInfo.environment["MARGINALIA_PROPERTY_FIRST_SEED"],
       let seed = UInt64(text.trimmingCharacters(in: .whitespaces)) {
        return seed
    }
    return 1
}

/// All orderings of a small array.
func permutations<T>(_ items: [T]) -> [[T]] {
    guard items.count > 1 else { return [items] }
    var result: [[T]] = []
    for index in items.indices {
        var rest = items
        let head = rest.remove(at: index)
        for tail in permutations(rest) { result.append([head] + tail) }
    }
    return result
}
