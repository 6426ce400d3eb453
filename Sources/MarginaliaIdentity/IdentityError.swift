/// A stored identity that cannot be used: the replica file was altered by other means.
public enum IdentityError: Error, Equatable, CustomStringConvertible {
    /// The key or the certificate does not parse.
    case unreadable(String)
    /// The certificate is for another key.
    case keyMismatch

    public var description: String {
        switch self {
        case .unreadable(let reason): "the replica's identity cannot be read (\(reason))"
        case .keyMismatch: "the replica's certificate is not for its private key"
        }
    }
}
