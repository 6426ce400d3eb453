import GRDB
import MarginaliaCore

/// What applying changes raises beyond their own rows (knowledge, the Lamport clock and
/// each origin's log digest), gathered over a batch and written once, in its
/// transaction.
///
/// Why: raising them for every change read and rewrote the same few rows 120,000 times
/// in a large sync (a `SELECT` and an upsert of the origin's digest, an upsert of its
/// knowledge and one of the clock), for rows that only the batch's last values reach.
struct AppliedChanges {
    /// The dots applied, per origin.
    private(set) var knowledge = VersionVector()
    private var lamport: UInt64 = 0
    /// Per origin, the sum of the applied changes' hashes.
    private var digests: [ReplicaID: LogDigest] = [:]

    var isEmpty: Bool { digests.isEmpty }

    /// Notes `change`, appended to the log with `hash`.
    mutating func add(_ change: Change, hash: LogDigest) {
        knowledge.record(change.dot)
        lamport = max(lamport, change.lamport)
        digests[change.dot.replica, default: .zero] += hash
    }

    /// Raises knowledge, the Lamport clock and the digests by everything noted.
    func record(in db: Database) throws {
        guard !isEmpty else { return }
        try ChangeLog(db: db).record(knowledge, lamport: lamport)
        let log = LogDigests(db: db)
        for (origin, sum) in digests { try log.add(sum, origin: origin) }
    }
}
