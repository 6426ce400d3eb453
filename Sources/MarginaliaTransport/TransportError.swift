/// Failures of the connection itself, as opposed to what travels over it.
public enum TransportError: Error, Equatable, CustomStringConvertible {
    case notReadable
    case notWritable
    case io(String)
    case cannotStart(String)
    case badTarget(String)
    case insecureTokenFile(String)

    public var description: String {
        switch self {
        case .notReadable: "this transport cannot be read"
        case .notWritable: "this transport cannot be written"
        case .io(let message): message
        case .cannotStart(let message): message
        case .badTarget(let message): message
        case .insecureTokenFile(let message): message
        }
    }
}
