/// How a TCP session admits its peer: by the fingerprint TLS already checked, or by a
/// proof of the shared token (which, over TLS, pairs the two replicas for next time).
///
/// The responder always opens with a `challenge`. A client that has the token answers
/// with its proof; a peer that TLS did not verify must prove the token or is refused.
public struct PeerAdmission: Sendable {
    /// The token (bound to the TLS fingerprints, over TLS); nil when this side has none.
    public var authenticator: Authenticator?
    /// Whether TLS verified the peer by a pinned or trusted fingerprint.
    public var peerVerified: Bool
    /// Called once an unverified peer has proved the token: records it as trusted.
    public var paired: @Sendable (Hello) throws -> Void
    /// Why an unverified peer without a valid proof is refused, in the words shown to people.
    public var refusal: String
    /// Set when the store could not tell whether it trusts the peer (a hub whose database
    /// is down): the session's first line is this `unavailable` error, and nothing else
    /// is read or sent.
    public var unavailable: ProtocolError?

    public init(
        authenticator: Authenticator?, peerVerified: Bool, refusal: String, unavailable: ProtocolError? = nil,
        paired: @escaping @Sendable (Hello) throws -> Void
    ) {
        self.authenticator = authenticator
        self.peerVerified = peerVerified
        self.refusal = refusal
        self.unavailable = unavailable
        self.paired = paired
    }

    /// Plaintext TCP (`--insecure`): the token is the only admission, and nothing is
    /// remembered.
    public static func tokenOnly(_ authenticator: Authenticator) -> PeerAdmission {
        PeerAdmission(authenticator: authenticator, peerVerified: false, refusal: "wrong or missing token proof") { _ in }
    }
}
