import MarginaliaCore
import MarginaliaIdentity

/// What `hub status` shows: who the hub is, where its log lives, and what it holds.
public struct HubStatus: Sendable {
    public var id: ReplicaID
    public var name: String
    public var fingerprint: Fingerprint
    /// The database, as its URL without the password.
    public var database: String
    public var schemaVersion: Int
    public var changes: Int64
    public var origins: Int64
    public var knowledge: VersionVector
    public var logDigest: LogDigest
}

extension HubLog {
    /// The hub's status, each figure read in its own statement (a busy hub may have
    /// appended between them).
    public func status() async throws -> HubStatus {
        let counts = try await counts()
        return HubStatus(
            id: id, name: try await name(), fingerprint: identity.fingerprint, database: database.url.description,
            schemaVersion: HubSchema.version, changes: counts.changes, origins: counts.origins,
            knowledge: try await knowledge(), logDigest: try await logDigest())
    }
}
