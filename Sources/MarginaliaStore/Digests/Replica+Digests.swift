import Foundation
import GRDB
import MarginaliaCore

extension Replica {
    /// The digest of the whole log (`status`): equal on replicas holding the same changes.
    public func logDigest() throws -> LogDigest {
        try read { db in try LogDigests(db: db).total() }
    }

    /// The digest of the changes `vector` names, which a sync compares with its peer's;
    /// nil when this replica does not hold them all.
    public func logDigest(covering vector: VersionVector) throws -> LogDigest? {
        try read { db in try LogDigests(db: db).digest(covering: vector) }
    }

    /// The digest of each range, in order (a divergence search); nil when this replica
    /// does not hold every change of them.
    public func logDigests(of ranges: [CounterRange]) throws -> [LogDigest]? {
        try read { db in
            let knowledge = try ChangeLog(db: db).knowledge()
            guard ranges.allSatisfy({ 1 <= $0.from && $0.from <= $0.to && $0.to <= knowledge[$0.replica] }) else {
                return nil
            }
            let digests = LogDigests(db: db)
            return try ranges.map { try digests.digest(of: $0) }
        }
    }

    /// Records that a session found `peer`'s log different from this one, and the name
    /// the peer gave (as a successful session would remember it), to show with it.
    public func recordDivergence(peer: ReplicaID, name: String, local: LogDigest, remote: LogDigest?) throws {
        let now = clock.now()
        try writeTransaction { db in
            try ReplicaNames(db: db).record(name, for: peer)
            try db.execute(
                sql: "INSERT OR REPLACE INTO divergences (replica, local_digest, peer_digest, found_ms) VALUES (?, ?, ?, ?)",
                arguments: [peer.rawValue, Data(local.bytes), remote.map { Data($0.bytes) }, now])
        }
    }

    /// Forgets a divergence from `peer`: a session found both logs equal.
    public func clearDivergence(peer: ReplicaID) throws {
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM divergences WHERE replica = ?", arguments: [peer.rawValue])
        }
    }

    /// The peers found to have diverged, by replica id.
    public func divergences() throws -> [Divergence] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.replica, n.name, d.local_digest, d.peer_digest, d.found_ms FROM divergences d
                LEFT JOIN replica_names n ON n.replica = d.replica ORDER BY d.replica
                """).map { row in
                let remote = (row[3] as Data?).map { LogDigest(hash: $0) }
                guard let peer = ReplicaID(row[0] as String), let local = LogDigest(hash: row[2] as Data), remote != .some(nil)
                else { throw CorruptReplicaError("a divergence record is unreadable") }
                return Divergence(peer: peer, peerName: row[1], local: local, remote: remote ?? nil, found: row[4])
            }
        }
    }
}
