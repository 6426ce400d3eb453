import MarginaliaCore
import MarginaliaSync

/// What protects a TCP sync connection.
public enum TCPSecurity: Sendable {
    /// TLS 1.3, both sides presenting their certificates and accepting only the
    /// fingerprint pinned (`pinned`, a client's pin for its server) or trusted; `token`
    /// introduces replicas that have never met (pairing).
    case tls(token: Authenticator?, pinned: Fingerprint? = nil)
    /// Lines in the clear, admitted by the token alone (`--insecure`, loopback only):
    /// for tests and the fuzzer, never across a network.
    case plaintext(token: Authenticator)
}
