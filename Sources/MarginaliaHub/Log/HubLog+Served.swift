import MarginaliaCore
import MarginaliaIdentity
import MarginaliaTransport

/// `hub --listen` serves the hub with the same TCP server as `serve --listen`: TLS with
/// the hub's identity, clients admitted by the fingerprints `hub trust add` lists.
extension HubLog: ServedStore {
    public func tlsIdentity() async throws -> ReplicaIdentity { identity }

    /// Read from the database at each handshake, so every hub process follows `hub trust`
    /// at once; a database that cannot answer admits no one.
    public func trusts(_ fingerprint: Fingerprint) async throws -> Bool {
        try await trustedPeers().contains { $0.fingerprint == fingerprint }
    }

    /// Never: the hub is served without a token (`hub trust add` admits peers).
    public func trustPaired(_ fingerprint: Fingerprint, name: String) throws {
        throw HubError.noPairing
    }
}
