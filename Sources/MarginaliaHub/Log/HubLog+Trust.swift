import Foundation
import MarginaliaCore
import MarginaliaStore
import PostgresNIO

/// The peers the hub admits over TLS, by fingerprint, shared by every hub process on the
/// database (`hub trust add|rm|ls`), as a replica's `trust` list is its own.
extension HubLog {
    /// Trusts `fingerprint`, named `name` if given; trusting it again renames it (nil keeps
    /// the old name). A name belongs to one peer only.
    public func trust(_ fingerprint: Fingerprint, name: String?) async throws {
        if let name, ReplicaNameRule.normalized(name) == nil { throw HubError.invalidName(name) }
        let name = name.flatMap(ReplicaNameRule.normalized)
        try await database.transaction { connection in
            if let name, let holder = try await Self.trustedPeers(on: connection).first(where: { $0.name == name }),
                holder.fingerprint != fingerprint
            {
                throw HubError.trustedNameTaken(name, by: holder.fingerprint)
            }
            try await connection.query("""
                INSERT INTO trusted_peers (fingerprint, name, added_ms)
                VALUES (\(Data(fingerprint.bytes)), \(name), \(Self.milliseconds(Date())))
                ON CONFLICT (fingerprint) DO UPDATE SET name = coalesce(excluded.name, trusted_peers.name)
                """, logger: HubDatabase.log)
        }
    }

    /// Stops trusting the peer named `nameOrFingerprint`, or else the one whose fingerprint
    /// it spells; returns it.
    public func distrust(_ nameOrFingerprint: String) async throws -> TrustedPeer {
        try await database.transaction { connection in
            let peers = try await Self.trustedPeers(on: connection)
            let fingerprint = try? Fingerprint(parsing: nameOrFingerprint)
            guard let peer = peers.first(where: { $0.name == nameOrFingerprint })
                ?? peers.first(where: { $0.fingerprint == fingerprint })
            else { throw HubError.notTrusted(nameOrFingerprint) }
            try await connection.query(
                "DELETE FROM trusted_peers WHERE fingerprint = \(Data(peer.fingerprint.bytes))", logger: HubDatabase.log)
            return peer
        }
    }

    /// The trusted peers, by name (unnamed ones last, by fingerprint).
    public func trustedPeers() async throws -> [TrustedPeer] {
        try await database.connection { connection in try await Self.trustedPeers(on: connection) }
    }

    private static func trustedPeers(on connection: PostgresConnection) async throws -> [TrustedPeer] {
        var peers: [TrustedPeer] = []
        let rows = try await connection.query(
            "SELECT fingerprint, name, added_ms FROM trusted_peers ORDER BY name IS NULL, name, fingerprint",
            logger: HubDatabase.log)
        for try await (bytes, name, added) in rows.decode((Data, String?, Int64).self) {
            guard let fingerprint = Fingerprint(bytes: bytes) else { throw HubError.corrupt("a trusted fingerprint is not 32 bytes") }
            peers.append(TrustedPeer(fingerprint: fingerprint, name: name, added: added))
        }
        return peers
    }
}
