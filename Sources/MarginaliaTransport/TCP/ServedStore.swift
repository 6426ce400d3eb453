import MarginaliaCore
import MarginaliaIdentity
import MarginaliaStore
import MarginaliaSync

/// What `TCPServer` serves: a store a session can speak for (a replica, a hub), with the
/// identity it presents in TLS and the peers it admits.
public protocol ServedStore: SyncStore {
    /// The identity presented to clients in the TLS handshake.
    func tlsIdentity() async throws -> ReplicaIdentity
    /// Whether a client presenting `fingerprint` is trusted. Read at each handshake, so
    /// that `trust add` and `trust rm` apply to a running server; a store that cannot
    /// answer (a hub whose database is down) throws, and the client is refused.
    func trusts(_ fingerprint: Fingerprint) async throws -> Bool
    /// Trusts a client that has just proved the shared token (pairing), under the name
    /// its hello gave.
    func trustPaired(_ fingerprint: Fingerprint, name: String) throws
}

extension Replica: ServedStore {
    public func tlsIdentity() async throws -> ReplicaIdentity { try identity() }

    public func trusts(_ fingerprint: Fingerprint) async throws -> Bool {
        try trustedPeers().contains { $0.fingerprint == fingerprint }
    }
}
