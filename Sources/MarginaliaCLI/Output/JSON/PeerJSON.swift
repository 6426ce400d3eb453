import MarginaliaCore
import MarginaliaStore

/// A line of `peers --json`.
enum PeerJSON {
    /// `diverged`: the divergence recorded for the peer's replica, if any.
    static func json(_ peer: Peer, diverged: Divergence?) -> JSONValue {
        .members([
            "name": peer.name, "target": peer.target, "replica": peer.replica?.rawValue,
            "last_sync": peer.lastSync.map(JSONOutput.time), "knowledge": peer.knowledge,
            "diverged": diverged.map(StatusJSON.divergence),
        ])
    }
}
