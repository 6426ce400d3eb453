import MarginaliaCore
import MarginaliaStore

/// A line of `peers --json`.
enum PeerJSON {
    static func json(_ peer: Peer) -> JSONValue {
        .members([
            "name": peer.name, "target": peer.target, "replica": peer.replica?.rawValue,
            "last_sync": peer.lastSync.map(JSONOutput.time), "knowledge": peer.knowledge,
        ])
    }
}
