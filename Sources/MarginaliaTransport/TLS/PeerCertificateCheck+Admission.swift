import MarginaliaCore
import MarginaliaStore
import MarginaliaSync

extension PeerCertificateCheck {
    /// How the session on a handshaken connection admits its peer: verified by its
    /// fingerprint, or bound to prove `token` and then trusted from then on.
    func admission(store: any ServedStore, own: Fingerprint, role: SyncSession.Role, token: Authenticator?) -> PeerAdmission {
        guard let seen = fingerprint else { preconditionFailure("admission before the peer's certificate was checked") }
        let (client, server) = role == .initiator ? (own, seen) : (seen, own)
        let unavailable = if case .unavailable(let error)? = verdict { error } else { ProtocolError?.none }
        return PeerAdmission(
            authenticator: token?.bound(client: client, server: server), peerVerified: verdict == .verified,
            refusal: "this replica's fingerprint \(seen) is not trusted here; pair with --token-file, "
                + "or have the server's owner run: marginalia trust add \(seen)",
            unavailable: unavailable,
            paired: { hello in try store.trustPaired(seen, name: hello.name) })
    }
}
