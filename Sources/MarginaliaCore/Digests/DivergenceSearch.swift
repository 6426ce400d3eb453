/// Finds which changes two replicas hold under the same dots but with different bytes,
/// by comparing digests of counter ranges and halving the ranges that differ, as one
/// descends a Merkle tree: about 2·k·log2(n) digests cross the wire for k altered changes
/// among n, never the changes themselves.
///
/// Pure: the caller asks both sides for the digests of `pending` and hands them to
/// `compare`, until `pending` is empty; `found` then names every differing change.
public struct DivergenceSearch: Sendable {
    /// One change held under the same dot on both sides, with different content.
    public struct Difference: Hashable, Sendable {
        public var dot: Dot
        /// The change's SHA-256 here, and at the peer.
        public var local: LogDigest
        public var remote: LogDigest
    }

    /// The ranges to compare next.
    public private(set) var pending: [CounterRange]
    public private(set) var found: [Difference] = []

    /// Searches the changes both sides hold: `common` (at most what each side knows).
    public init(common: VersionVector) {
        pending = common.sortedEntries.map { CounterRange(replica: $0.replica, from: 1, to: $0.counter) }
    }

    public var isFinished: Bool { pending.isEmpty }

    /// Takes the digests of `pending`, in its order, on both sides: equal ranges are done
    /// with, a differing single change is found, and a differing longer range is halved.
    public mutating func compare(local: [LogDigest], remote: [LogDigest]) {
        precondition(local.count == pending.count && remote.count == pending.count, "one digest per pending range")
        var next: [CounterRange] = []
        for (range, (here, there)) in zip(pending, zip(local, remote)) where here != there {
            if let (first, second) = range.halves {
                next += [first, second]
            } else {
                found.append(Difference(dot: Dot(replica: range.replica, counter: range.from), local: here, remote: there))
            }
        }
        pending = next
    }
}
