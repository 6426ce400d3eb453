import MarginaliaCore
import MarginaliaStore

/// A line of `trust ls --json`.
enum TrustedPeerJSON {
    static func json(_ peer: TrustedPeer) -> JSONValue {
        .members(["fingerprint": peer.fingerprint.description, "name": peer.name, "added": JSONOutput.time(peer.added)])
    }
}
