/// Failures of the connection itself, as opposed to what travels over it: what any
/// `LineTransport` (pipes, TLS, bundles) throws when the bytes cannot move.
public enum TransportError: Error, Equatable, CustomStringConvertible {
    case notReadable
    case notWritable
    case io(String)
    case cannotStart(String)
    case badTarget(String)
    case insecureTokenFile(String)
    /// A TLS peer whose certificate is not the one pinned or trusted, or that refused ours.
    case untrustedPeer(String)
    /// A bundle to apply that cannot be opened.
    case unreadableFile(String)
    /// A bundle that cannot be written where asked.
    case unwritableFile(String)
    /// The command serving a sync over pipes exited before the session ended; `reason`
    /// is how the session saw it end (a hang-up, a broken pipe).
    case peerCommandExited(status: Int32, reason: String)

    public var description: String {
        switch self {
        case .notReadable: "this transport cannot be read"
        case .notWritable: "this transport cannot be written"
        case .io(let message): message
        case .cannotStart(let message): message
        case .badTarget(let message): message
        case .insecureTokenFile(let message): message
        case .untrustedPeer(let message): message
        case .unreadableFile(let message): message
        case .unwritableFile(let message): message
        case .peerCommandExited(let status, let reason):
            "the peer's command exited with status \(status) before the sync ended (\(reason))"
        }
    }
}
