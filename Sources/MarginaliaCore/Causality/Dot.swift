/// The name of one change: the replica that made it and that replica's counter.
///
/// A replica's counters start at 1 and rise by one per change, so a dot both
/// identifies a change and says how many changes of its origin precede it.
public struct Dot: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var replica: ReplicaID
    public var counter: UInt64

    public init(replica: ReplicaID, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    /// `replica:counter`, the form used in listings and error messages.
    public var description: String { "\(replica):\(counter)" }

    /// Orders by replica, then counter: the canonical order of siblings.
    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        (lhs.replica, lhs.counter) < (rhs.replica, rhs.counter)
    }
}
