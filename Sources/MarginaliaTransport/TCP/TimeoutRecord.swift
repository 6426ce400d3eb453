import NIOConcurrencyHelpers

/// Which timeout, if any, ended a connection. The session on that connection only sees
/// the end of its input (a hang-up, or half a line), so the server asks this to log what
/// really happened: the timeout the client was sent.
final class TimeoutRecord: Sendable {
    private let expired = NIOLockedValueBox<String?>(nil)

    /// What ran out ("no hello within the handshake timeout"), once one did.
    var reason: String? { expired.withLockedValue { $0 } }

    func record(_ reason: String) {
        expired.withLockedValue { $0 = $0 ?? reason }
    }
}
