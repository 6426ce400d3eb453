import Foundation
import GRDB
import MarginaliaCore
import MarginaliaIdentity

/// The replica's identity in its local `identity` table: one row, never synced. The
/// private key is readable by whoever can read the file, which is its owner only
/// (mode 600, `Replica.open`).
struct IdentityTable {
    let db: Database

    /// Makes a new identity for `replica` and stores it in place of the old one, if any.
    @discardableResult
    func renew(for replica: ReplicaID, now: Int64) throws -> ReplicaIdentity {
        let identity = try ReplicaIdentity.generate(for: replica, at: Date(timeIntervalSince1970: Double(now) / 1000))
        try db.execute(
            sql: "INSERT OR REPLACE INTO identity (singleton, private_key, certificate, created_ms) VALUES (1, ?, ?, ?)",
            arguments: [identity.privateKeyDER, Data(try identity.certificateDER), now])
        return identity
    }

    /// The stored identity's fingerprint, and when it was made.
    func info() throws -> IdentityInfo {
        let (identity, created) = try load()
        return IdentityInfo(fingerprint: identity.fingerprint, created: created)
    }

    /// The stored identity, and when it was made.
    func load() throws -> (identity: ReplicaIdentity, created: Int64) {
        guard let row = try Row.fetchOne(db, sql: "SELECT private_key, certificate, created_ms FROM identity") else {
            throw CorruptReplicaError("the replica's identity is missing")
        }
        do {
            let identity = try ReplicaIdentity(
                privateKeyDER: row["private_key"] as Data, certificateDER: row["certificate"] as Data)
            return (identity, row["created_ms"])
        } catch let error as IdentityError {
            throw CorruptReplicaError(error.description)
        }
    }
}
