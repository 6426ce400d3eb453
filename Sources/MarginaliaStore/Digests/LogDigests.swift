import Foundation
import GRDB
import MarginaliaCore

/// The log's digests (`LogDigest`): each change's SHA-256 over its stored canonical
/// bytes, kept beside it, and per origin the sum of its changes' hashes, raised in the
/// transaction that appends each change. Per origin, so that the digest of any
/// prefix-closed set of changes (a knowledge vector) costs one row per origin plus the
/// few changes past it.
struct LogDigests {
    let db: Database

    /// Adds changes just appended under `origin`, whose hashes sum to `hashes`.
    func add(_ hashes: LogDigest, origin: ReplicaID) throws {
        let sum = try digest(of: origin) + hashes
        // An upsert on the one row, as knowledge is raised: a REPLACE may delete, and a
        // statement that may change several rows opens a savepoint, at which FTS5
        // flushes its pending terms (see `SearchIndex`).
        try db.cachedStatement(sql: """
            INSERT INTO log_digests (replica, digest) VALUES (?, ?)
            ON CONFLICT (replica) DO UPDATE SET digest = excluded.digest
            """).execute(arguments: [origin.rawValue, Data(sum.bytes)])
    }

    /// The sum over every change held.
    func total() throws -> LogDigest {
        let rows = try Data.fetchCursor(db, sql: "SELECT digest FROM log_digests")
        var sum = LogDigest.zero
        while let bytes = try rows.next() { sum += try Self.digest(bytes) }
        return sum
    }

    /// The sum over the changes `vector` names, nil when this replica does not hold
    /// them all.
    func digest(covering vector: VersionVector) throws -> LogDigest? {
        let knowledge = try ChangeLog(db: db).knowledge()
        guard knowledge.includes(vector) else { return nil }
        var sum = LogDigest.zero
        for (origin, counter) in vector.sortedEntries {
            sum += try digest(of: origin)
            if counter < knowledge[origin] {
                sum = sum - (try digest(of: CounterRange(replica: origin, from: counter + 1, to: knowledge[origin])))
            }
        }
        return sum
    }

    /// The sum over one range of changes, all of which this replica holds.
    func digest(of range: CounterRange) throws -> LogDigest {
        let hashes = try Data.fetchCursor(
            db.cachedStatement(sql: "SELECT hash FROM changes WHERE replica = ? AND counter BETWEEN ? AND ?"),
            arguments: [range.replica.rawValue, range.from, range.to])
        var sum = LogDigest.zero
        while let bytes = try hashes.next() { sum += try Self.digest(bytes) }
        return sum
    }

    /// Sums every origin's stored hashes again (after hashing an older replica's log).
    func rebuild() throws {
        try db.execute(sql: "DELETE FROM log_digests")
        let rows = try Row.fetchCursor(db, sql: "SELECT replica, hash FROM changes")
        var sums: [String: LogDigest] = [:]
        while let row = try rows.next() {
            let origin: String = row[0]
            sums[origin, default: .zero] += try Self.digest(row[1])
        }
        for (origin, sum) in sums {
            try db.execute(
                sql: "INSERT INTO log_digests (replica, digest) VALUES (?, ?)", arguments: [origin, Data(sum.bytes)])
        }
    }

    private func digest(of origin: ReplicaID) throws -> LogDigest {
        let stored = try Data.fetchOne(
            db.cachedStatement(sql: "SELECT digest FROM log_digests WHERE replica = ?"), arguments: [origin.rawValue])
        return try stored.map(Self.digest) ?? .zero
    }

    private static func digest(_ bytes: Data) throws -> LogDigest {
        guard let digest = LogDigest(hash: bytes) else { throw CorruptReplicaError("a stored hash is not 32 bytes") }
        return digest
    }
}
