import NIOConcurrencyHelpers
import NIOCore

/// The connections a server is serving, so that shutting down can wait for them
/// and then cut off those still open.
///
/// (Locked with `NIOLockedValueBox`, a pthread mutex, rather than
/// `Synchronization.Mutex`, which ThreadSanitizer cannot see in debug builds.)
final class ActiveConnections: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var closing = false
    }

    private let state = NIOLockedValueBox(State())

    var isEmpty: Bool { state.withLockedValue { $0.channels.isEmpty } }

    /// Tracks `channel`; one arriving after `closeAll` is closed at once.
    func insert(_ channel: any Channel) {
        let admitted = state.withLockedValue { state in
            if !state.closing { state.channels[ObjectIdentifier(channel)] = channel }
            return !state.closing
        }
        if !admitted { channel.close(promise: nil) }
    }

    func remove(_ channel: any Channel) {
        state.withLockedValue { $0.channels[ObjectIdentifier(channel)] = nil }
    }

    /// Closes every connection, now and from now on: each session ends as on a hang-up,
    /// discarding the batch it had not committed.
    func closeAll() {
        let open = state.withLockedValue { state in
            state.closing = true
            return Array(state.channels.values)
        }
        for channel in open { channel.close(promise: nil) }
    }
}
