import Foundation
import MarginaliaCore
import PostgresNIO

/// Appends a received batch to the hub's log in one PostgreSQL transaction, with a
/// replica's checks (`ChangeAdmission`), so that several hub processes may append at once
/// and the log never holds a gap, a duplicate, or two changes under one dot.
///
/// The transaction runs at READ COMMITTED:
/// 1. A knowledge row at 0 is inserted for each origin the batch names that has none
///    (`ON CONFLICT DO NOTHING`, in sorted order, which waits for a concurrent batch
///    inserting the same row), inside the transaction, so that a refused batch leaves
///    no row behind. Every batch inserts before it locks, each step in sorted order, so
///    no two batches wait for each other.
/// 2. The batch's origins' knowledge rows are locked `FOR UPDATE` in sorted order (no
///    deadlock between batches), so each origin's counter checked for contiguity is the
///    one the batch will raise: no other batch can store a change of those origins
///    until this one commits or rolls back.
/// 3. Causal readiness reads the other origins' counters without locking them: counters
///    only grow, so a dependency seen as held stays held.
/// 4. Entities' kinds are checked as `EntityKinds` says.
/// 5. The sequencer lock (`HubLocks.sequencer`) is taken just before inserting and held to
///    commit, so that batches take their `accepted` numbers in the order they become
///    visible: a reader paging through the log by `accepted` never passes a number whose
///    change commits later (which would send a change before its causal predecessor).
///    Only the insert and the commit are serialised; the checks run in parallel.
/// 6. The primary key `(origin, counter)` is the last guard against a duplicate.
struct HubAppend {
    let hub: ReplicaID

    func append(_ changes: [PreparedChange], to database: HubDatabase) async throws -> IntegrationSummary {
        let origins = Set(changes.map(\.change.dot.replica)).map(\.rawValue).sorted()
        guard !origins.isEmpty else { return IntegrationSummary() }
        return try await database.transaction { connection in
            try await connection.query("""
                INSERT INTO knowledge (origin, counter, digest)
                SELECT origin, 0, \(ByteBuffer(bytes: LogDigest.zero.bytes)) FROM unnest(\(origins)::text[]) AS origin
                ORDER BY origin ON CONFLICT DO NOTHING
                """, logger: HubDatabase.log)
            var digests: [ReplicaID: LogDigest] = [:]
            let locked = try await connection.query(
                "SELECT origin, digest FROM knowledge WHERE origin = ANY(\(origins)) ORDER BY origin FOR UPDATE",
                logger: HubDatabase.log)
            for try await (origin, digest) in locked.decode((String, Data).self) {
                guard let replica = ReplicaID(origin), let sum = LogDigest(hash: digest) else {
                    throw HubError.corrupt("knowledge row '\(origin)' is unreadable")
                }
                digests[replica] = sum
            }
            // Read after locking: the locked rows' counters are final for this transaction.
            var admission = ChangeAdmission(receiver: hub, knowledge: try await HubLog.knowledge(on: connection))
            var kinds = try await EntityKinds.load(for: changes, on: connection)
            var rows = NewRows()
            var summary = IntegrationSummary()
            for (index, prepared) in changes.enumerated() {
                let change = prepared.change
                do {
                    let encoded = try prepared.encoded.get()
                    if try admission.classify(change) == .alreadyHeld {
                        let held = if let earlier = rows.payload(of: change.dot) { earlier } else { try await stored(change.dot, on: connection) }
                        try ChangeAdmission.confirmDuplicate(change, held: try Self.decode(held, dot: change.dot))
                        summary.duplicates += 1
                        continue
                    }
                    try kinds.check(change, at: index)
                    rows.append(change, payload: encoded.payload, hash: encoded.hash)
                    digests[change.dot.replica, default: .zero] += encoded.hash
                    admission.record(change)
                    summary.applied += 1
                } catch let rejection as ChangeRejection {
                    throw IntegrationError(index: index, rejection: rejection)
                }
            }
            guard summary.applied > 0 else { return summary }
            try await kinds.store(changes, on: connection)
            // Read to its end: the lock is held once the row arrives, and a connection lost
            // while waiting for it fails here, not in a statement queued behind it.
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(HubLocks.sequencer))", logger: HubDatabase.log).collected()
            try await connection.query("""
                INSERT INTO changes (origin, counter, lamport, payload, hash)
                SELECT origin, counter, lamport, payload, hash
                FROM unnest(\(rows.origins)::text[], \(rows.counters)::bigint[], \(rows.lamports)::bigint[],
                            \(rows.payloads)::text[], \(rows.hashes)::bytea[])
                     WITH ORDINALITY AS batch (origin, counter, lamport, payload, hash, position)
                ORDER BY position
                """, logger: HubDatabase.log)
            let raised = Set(rows.origins).sorted().compactMap { ReplicaID($0) }
            try await connection.query("""
                UPDATE knowledge SET counter = raised.counter, digest = raised.digest
                FROM unnest(\(raised.map(\.rawValue))::text[], \(raised.map { Int64(admission.knowledge[$0]) })::bigint[],
                            \(raised.map { ByteBuffer(bytes: digests[$0]!.bytes) })::bytea[]) AS raised (origin, counter, digest)
                WHERE knowledge.origin = raised.origin
                """, logger: HubDatabase.log)
            return summary
        }
    }

    /// The stored payload of a change the knowledge covers.
    private func stored(_ dot: Dot, on connection: PostgresConnection) async throws -> String {
        let rows = try await connection.query(
            "SELECT payload FROM changes WHERE origin = \(dot.replica.rawValue) AND counter = \(Int64(dot.counter))",
            logger: HubDatabase.log
        ).decode(String.self)
        for try await payload in rows { return payload }
        throw HubError.corrupt("knowledge covers \(dot) but the log lacks it")
    }

    /// The hub stores only canonical payloads (`PreparedChange` writes them), so the
    /// canonical reader alone reads them back.
    private static func decode(_ payload: String, dot: Dot) throws -> Change {
        guard let change = CanonicalChangeReader.change(payload) else {
            throw HubError.corrupt("the change stored under \(dot) is not canonical JSON")
        }
        return change
    }
}

/// The changes a batch will insert, as the columns `unnest` takes.
private struct NewRows {
    var origins: [String] = []
    var counters: [Int64] = []
    var lamports: [Int64] = []
    var payloads: [String] = []
    var hashes: [ByteBuffer] = []
    private var positions: [Dot: Int] = [:]

    mutating func append(_ change: Change, payload: String, hash: LogDigest) {
        positions[change.dot] = payloads.count
        origins.append(change.dot.replica.rawValue)
        counters.append(Int64(change.dot.counter))
        lamports.append(Int64(change.lamport))
        payloads.append(payload)
        hashes.append(ByteBuffer(bytes: hash.bytes))
    }

    /// The payload of a change earlier in this batch.
    func payload(of dot: Dot) -> String? {
        positions[dot].map { payloads[$0] }
    }
}
