import MarginaliaCore
import MarginaliaTestSupport

/// Changes as replicas make them, for feeding a hub directly: each origin's counters
/// contiguous, each context naming everything its author had seen.
enum HubChanges {
    /// One article title change (and body, if given) by `origin`, its `counter`-th, made after `seen`.
    static func change(
        _ origin: ReplicaID, _ counter: UInt64, seen: VersionVector = VersionVector(), title: String, body: String? = nil
    ) -> Change {
        var context = seen.counters
        context[origin] = counter - 1
        return Change(
            dot: Dot(replica: origin, counter: counter), lamport: counter, time: 1_764_000_000_000 + Int64(counter),
            entity: EntityID("0000000000000001")!, kind: .article,
            fields: body.map { [.title: .text(title), .body: .text($0)] } ?? [.title: .text(title)],
            context: VersionVector(context.filter { $0.value > 0 }))
    }

    /// `count` changes by `origins` taking turns at random, each having seen all before it:
    /// a causal order, with dependencies across origins.
    static func history(_ origins: [ReplicaID], count: Int, using random: inout SplitMix64) -> [Change] {
        var seen = VersionVector()
        return (0..<count).map { index in
            let origin = origins[random.int(0...(origins.count - 1))]
            let change = change(origin, seen[origin] + 1, seen: seen, title: "Mưa lớn ở Hà Nội, bản \(index)")
            seen.record(change.dot)
            return change
        }
    }

    static func origins(_ count: Int, using random: inout SplitMix64) -> [ReplicaID] {
        (0..<count).map { _ in ReplicaID.random(using: &random) }
    }
}
