/// The receiver's rules for a well-formed change arriving from elsewhere: whether it is
/// already held, and if not, whether it may be stored now.
///
/// Pure, so that every receiver enforces the same rules with the same messages: a
/// replica inside its SQLite transaction, a hub inside its PostgreSQL one. The receiver
/// reads its knowledge in the transaction, asks `classify` for each change of a batch,
/// compares a held one with `confirmDuplicate`, stores a new one, and `record`s it, so
/// that the next change of the batch may follow it.
public struct ChangeAdmission: Sendable {
    /// What `classify` found.
    public enum Verdict: Sendable, Equatable {
        /// Not held, and admissible now: store it, then `record` it.
        case new
        /// Its dot is already held: the caller compares it with the held change
        /// (`confirmDuplicate`), since a peer may send the same dot with other content.
        case alreadyHeld
    }

    /// The receiving replica (or hub): no one else may make changes in its name.
    public let receiver: ReplicaID
    /// What the receiver holds, including the changes recorded so far in this batch.
    public private(set) var knowledge: VersionVector

    public init(receiver: ReplicaID, knowledge: VersionVector) {
        self.receiver = receiver
        self.knowledge = knowledge
    }

    /// Whether `change` is held already, or else may be stored now: not forged in the
    /// receiver's name, the next counter of its origin, its causal context all held.
    public func classify(_ change: Change) throws(ChangeRejection) -> Verdict {
        let dot = change.dot
        if knowledge.covers(dot) { return .alreadyHeld }
        if dot.replica == receiver {
            throw ChangeRejection(
                .forgedOrigin, "change \(dot) claims this replica, which has made only \(knowledge[receiver]) changes")
        }
        guard dot.counter == knowledge[dot.replica] + 1 else {
            throw ChangeRejection(
                .nonContiguous, "change \(dot) arrived but the next expected from \(dot.replica) is \(knowledge[dot.replica] + 1)")
        }
        guard knowledge.includes(change.context) else {
            let missing = change.context.sortedEntries.filter { $0.counter > knowledge[$0.replica] }
                .map { "\($0.replica):\($0.counter)" }.joined(separator: ", ")
            throw ChangeRejection(.causalityViolation, "change \(dot) depends on changes not received: \(missing)")
        }
        return .new
    }

    /// Raises the knowledge past `change`, just stored.
    public mutating func record(_ change: Change) {
        knowledge.record(change.dot)
    }

    /// Accepts a change received again only with the content held under its dot: the
    /// same dot with other content is equivocation, by its author or someone on the way.
    public static func confirmDuplicate(_ received: Change, held: Change) throws(ChangeRejection) {
        guard received == held else {
            throw ChangeRejection(
                .equivocation, "change \(received.dot) differs from the one already held under that dot")
        }
    }
}
