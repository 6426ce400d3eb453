import Foundation
import GRDB
import MarginaliaCore

/// The append-only log of changes and the knowledge vector that summarises it.
struct ChangeLog {
    let db: Database

    /// Appends `change` as `encoded`: its payload, the exact bytes peers will receive, and
    /// its hash, which `applied` takes in for its origin's digest (`LogDigests`).
    func append(_ change: Change, encoded: EncodedChange, into applied: inout AppliedChanges) throws {
        try db.cachedStatement(sql: """
            INSERT INTO changes (replica, counter, lamport, time_ms, entity, payload, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                change.dot.replica.rawValue, change.dot.counter, change.lamport, change.time,
                change.entity.rawValue, encoded.payload, Data(encoded.hash.bytes),
            ])
        applied.add(change, hash: encoded.hash)
    }

    /// Raises knowledge to `knowledge` and the Lamport clock to `lamport` (`AppliedChanges`).
    func record(_ knowledge: VersionVector, lamport: UInt64) throws {
        let raise = try db.cachedStatement(sql: """
            INSERT INTO knowledge (replica, counter) VALUES (?, ?)
            ON CONFLICT (replica) DO UPDATE SET counter = max(counter, excluded.counter)
            """)
        for (replica, counter) in knowledge.sortedEntries {
            try raise.execute(arguments: [replica.rawValue, counter])
        }
        // On the one row by its key: an UPDATE that might touch several rows opens a statement
        // savepoint, at which FTS5 flushes its pending terms (see `SearchIndex`).
        try db.cachedStatement(sql: "UPDATE replica SET lamport = max(lamport, ?) WHERE singleton = 1")
            .execute(arguments: [lamport])
    }

    /// What this replica has applied, per origin.
    func knowledge() throws -> VersionVector {
        var vector = VersionVector()
        let rows = try Row.fetchCursor(db, sql: "SELECT replica, counter FROM knowledge")
        while let row = try rows.next() {
            let text: String = row[0]
            guard let replica = ReplicaID(text) else { throw CorruptReplicaError("knowledge of '\(text)'") }
            vector[replica] = row[1]
        }
        return vector
    }

    /// The highest Lamport timestamp seen.
    func lamport() throws -> UInt64 {
        try UInt64.fetchOne(db, sql: "SELECT lamport FROM replica") ?? 0
    }

    /// The stored payload of the change `dot`; nil when the log lacks it.
    func payload(of dot: Dot) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT payload FROM changes WHERE replica = ? AND counter = ?"),
            arguments: [dot.replica.rawValue, dot.counter])
    }

    /// Decodes a stored payload back into its change (stored payloads are canonical,
    /// so the general decoder is only the fallback).
    static func decode(_ payload: String) throws -> Change {
        try CanonicalChangeReader.change(payload) ?? CanonicalJSON.decode(Change.self, from: Data(payload.utf8))
    }
}
