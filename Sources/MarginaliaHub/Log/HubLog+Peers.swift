import Foundation
import MarginaliaCore
import PostgresNIO

/// What the hub remembers of the peers it syncs with, as a replica does: their knowledge
/// (the lower bound a session proved), and a divergence a session found, until a later
/// session finds the digests equal again.
extension HubLog {
    /// Records `other`'s name and knowledge after a session. Two hub processes serving the
    /// same peer at once each write what their session proved; the later write wins, and
    /// either is a true lower bound.
    public func remember(replica other: ReplicaID, name: String, knowledge: VersionVector) async throws {
        let encoded = try CanonicalJSON.string(knowledge)
        try await database.connection { connection in
            try await connection.query("""
                INSERT INTO remote_knowledge (replica, name, knowledge, synced_ms)
                VALUES (\(other.rawValue), \(name), \(encoded), \(Self.milliseconds(Date())))
                ON CONFLICT (replica) DO UPDATE
                SET name = excluded.name, knowledge = excluded.knowledge, synced_ms = excluded.synced_ms
                """, logger: HubDatabase.log)
        }
    }

    /// `other`'s knowledge as last remembered, if it ever synced here.
    public func rememberedKnowledge(of other: ReplicaID) async throws -> VersionVector? {
        let rows = try await database.connection { connection in
            try await connection.query(
                "SELECT knowledge FROM remote_knowledge WHERE replica = \(other.rawValue)", logger: HubDatabase.log
            ).decode(String.self).collected()
        }
        return try rows.first.map { try CanonicalJSON.decode(VersionVector.self, from: Data($0.utf8)) }
    }

    /// Records that a session found `peer`'s log different from the hub's.
    public func recordDivergence(peer: ReplicaID, name: String, local: LogDigest, remote: LogDigest?) async throws {
        try await database.connection { connection in
            try await connection.query("""
                INSERT INTO divergences (replica, name, local_digest, peer_digest, found_ms)
                VALUES (\(peer.rawValue), \(name), \(Data(local.bytes)), \(remote.map { Data($0.bytes) }), \(Self.milliseconds(Date())))
                ON CONFLICT (replica) DO UPDATE SET name = excluded.name, local_digest = excluded.local_digest,
                    peer_digest = excluded.peer_digest, found_ms = excluded.found_ms
                """, logger: HubDatabase.log)
        }
    }

    /// Forgets a divergence from `peer`: a session found both logs equal.
    public func clearDivergence(peer: ReplicaID) async throws {
        try await database.connection { connection in
            try await connection.query("DELETE FROM divergences WHERE replica = \(peer.rawValue)", logger: HubDatabase.log)
        }
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970 * 1000) }
}
