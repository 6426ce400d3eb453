/// The changes `from`…`to` (inclusive) of one origin: what a divergence search compares.
public struct CounterRange: Codable, Hashable, Sendable, CustomStringConvertible {
    public var replica: ReplicaID
    public var from: UInt64
    public var to: UInt64

    public init(replica: ReplicaID, from: UInt64, to: UInt64) {
        self.replica = replica
        self.from = from
        self.to = to
    }

    public var count: UInt64 { to - from + 1 }

    /// The two halves (the first one the larger); nil for a single change.
    public var halves: (CounterRange, CounterRange)? {
        guard from < to else { return nil }
        let middle = from + (to - from) / 2
        return (CounterRange(replica: replica, from: from, to: middle), CounterRange(replica: replica, from: middle + 1, to: to))
    }

    /// `replica:from-to`, or `replica:counter` for one change.
    public var description: String {
        from == to ? "\(replica):\(from)" : "\(replica):\(from)-\(to)"
    }
}
