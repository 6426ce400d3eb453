import GRDB
import MarginaliaCore
import MarginaliaIdentity

extension Replica {
    /// This replica's identity: its key pair and certificate, for TLS.
    public func identity() throws -> ReplicaIdentity {
        try read { db in try IdentityTable(db: db).load().identity }
    }

    /// The fingerprint of this replica's identity, and when it was made.
    public func identityInfo() throws -> IdentityInfo {
        try read { db in try IdentityTable(db: db).info() }
    }

    /// Replaces this replica's key pair and certificate with new ones: peers that
    /// trusted the old fingerprint no longer accept it and must trust the new one.
    public func rotateIdentity() throws -> IdentityInfo {
        let now = clock.now()
        return try writeTransaction { db in
            IdentityInfo(fingerprint: try IdentityTable(db: db).renew(for: id, now: now).fingerprint, created: now)
        }
    }
}
