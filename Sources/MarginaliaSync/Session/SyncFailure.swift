/// Why a session ended without completing.
public enum SyncFailure: Error, Equatable, CustomStringConvertible {
    /// This side refused what the peer sent (and told the peer so).
    case refused(ProtocolError)
    /// The peer sent an `error` line.
    case peerReported(ProtocolError)
    /// The connection ended before the session did.
    case peerHungUp(afterLine: Int, expected: String)

    public var description: String {
        switch self {
        // Not the peer's input but both logs: the error says what differs.
        case .refused(let error) where error.code == .diverged: "\(error)"
        case .refused(let error) where error.code == .unavailable: "told the peer to try again later: \(error.message)"
        case .refused(let error): "sync refused the peer's input: \(error)"
        // Not a fault of either side's data: said so, for a person deciding whether to retry.
        case .peerReported(let error) where error.code == .unavailable: "the peer ended the sync: \(error); try again later"
        case .peerReported(let error): "the peer ended the sync: \(error)"
        case .peerHungUp(let line, let expected):
            "the peer hung up after \(line) line\(line == 1 ? "" : "s"), while \(expected) was expected"
        }
    }
}
