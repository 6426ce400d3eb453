import MarginaliaCore

/// A peer whose log was found to differ from this one in changes both hold (the same
/// dots, other bytes): a local record, never synced, kept until a session with that
/// peer finds the digests equal again.
public struct Divergence: Hashable, Sendable {
    public var peer: ReplicaID
    /// The peer's name, where known.
    public var peerName: String?
    /// The digests of the changes compared: this replica's, and the peer's when it sent
    /// it (not when the peer found the difference and said so in an error).
    public var local: LogDigest
    public var remote: LogDigest?
    /// When it was found (ms since 1970).
    public var found: Int64
}
