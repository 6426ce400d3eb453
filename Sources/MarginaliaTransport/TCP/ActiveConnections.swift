import NIOCore
import Synchronization

/// The connections a server is serving, so that shutting down can wait for them
/// and then cut off those still open.
final class ActiveConnections: Sendable {
    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var closing = false
    }

    private let state = Mutex(State())

    var isEmpty: Bool { state.withLock { $0.channels.isEmpty } }

    /// Tracks `channel`; one arriving after `closeAll` is closed at once.
    func insert(_ channel: any Channel) {
        let admitted = state.withLock { state in
            if !state.closing { state.channels[ObjectIdentifier(channel)] = channel }
            return !state.closing
        }
        if !admitted { channel.close(promise: nil) }
    }

    func remove(_ channel: any Channel) {
        state.withLock { $0.channels[ObjectIdentifier(channel)] = nil }
    }

    /// Closes every connection, now and from now on: each session ends as on a hang-up,
    /// discarding the batch it had not committed.
    func closeAll() {
        let open = state.withLock { state in
            state.closing = true
            return Array(state.channels.values)
        }
        for channel in open { channel.close(promise: nil) }
    }
}
