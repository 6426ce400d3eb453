import MarginaliaCore
import MarginaliaStore

/// A line of `peers --json`.
struct PeerJSON: Encodable {
    var name: String
    var target: String
    var replica: String?
    var lastSync: String?
    var knowledge: VersionVector?

    enum CodingKeys: String, CodingKey {
        case name, target, replica, knowledge
        case lastSync = "last_sync"
    }

    init(_ peer: Peer) {
        name = peer.name
        target = peer.target
        replica = peer.replica?.rawValue
        lastSync = peer.lastSync.map(JSONOutput.time)
        knowledge = peer.knowledge
    }
}
