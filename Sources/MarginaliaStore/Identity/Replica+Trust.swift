import Foundation
import GRDB
import MarginaliaCore

extension Replica {
    /// Trusts the peer with `fingerprint`, named `name` if given. Trusting it again
    /// renames it (a nil name keeps the old one); a name belongs to one peer only.
    public func trust(_ fingerprint: Fingerprint, name: String?) throws {
        let name = try name.map(ReplicaName.validated)
        let now = clock.now()
        try writeTransaction { db in
            if let name, let holder = try Self.trustedPeer(named: name, in: db), holder.fingerprint != fingerprint {
                throw ReplicaError.trustedNameTaken(name, by: holder.fingerprint)
            }
            try db.execute(
                sql: """
                    INSERT INTO trusted_peers (fingerprint, name, added_ms) VALUES (?, ?, ?)
                    ON CONFLICT (fingerprint) DO UPDATE SET name = coalesce(excluded.name, name)
                    """, arguments: [Data(fingerprint.bytes), name, now])
        }
    }

    /// Stops trusting the peer named `name`, or else the one whose fingerprint `name`
    /// spells; returns it.
    public func distrust(_ nameOrFingerprint: String) throws -> TrustedPeer {
        try writeTransaction { db in
            let peer: TrustedPeer
            if let named = try Self.trustedPeer(named: nameOrFingerprint, in: db) {
                peer = named
            } else {
                let fingerprint: Fingerprint
                do throws(Fingerprint.ParseError) {
                    fingerprint = try Fingerprint(parsing: nameOrFingerprint)
                } catch {
                    throw ReplicaError.notTrusted(nameOrFingerprint, notAFingerprint: error.description)
                }
                guard let trusted = try Self.trustedPeers(in: db).first(where: { $0.fingerprint == fingerprint }) else {
                    throw ReplicaError.notTrusted(fingerprint.description, notAFingerprint: nil)
                }
                peer = trusted
            }
            try db.execute(sql: "DELETE FROM trusted_peers WHERE fingerprint = ?", arguments: [Data(peer.fingerprint.bytes)])
            return peer
        }
    }

    /// The peers this replica trusts, by name (unnamed ones last, by fingerprint).
    public func trustedPeers() throws -> [TrustedPeer] {
        try read { db in try Self.trustedPeers(in: db) }
    }

    private static func trustedPeers(in db: Database) throws -> [TrustedPeer] {
        try Row.fetchAll(db, sql: "SELECT fingerprint, name, added_ms FROM trusted_peers ORDER BY name IS NULL, name, fingerprint")
            .map { row in
                guard let fingerprint = Fingerprint(bytes: row["fingerprint"] as Data) else {
                    throw CorruptReplicaError("a trusted fingerprint is not 32 bytes")
                }
                return TrustedPeer(fingerprint: fingerprint, name: row["name"], added: row["added_ms"])
            }
    }

    private static func trustedPeer(named name: String, in db: Database) throws -> TrustedPeer? {
        try trustedPeers(in: db).first { $0.name == name }
    }
}

extension Replica {
    /// Trusts a peer that has just proved the shared token over TLS (pairing), under
    /// the name its replica gave, or unnamed when that name is taken by another peer.
    public func trustPaired(_ fingerprint: Fingerprint, name: String) throws {
        do {
            try trust(fingerprint, name: name)
        } catch ReplicaError.trustedNameTaken, ReplicaError.invalidName {
            try trust(fingerprint, name: nil)
        }
    }
}
