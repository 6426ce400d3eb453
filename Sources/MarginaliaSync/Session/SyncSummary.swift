import MarginaliaCore

/// What a sync, bundle creation or bundle application did.
public struct SyncSummary: Sendable, Equatable {
    /// The other replica.
    public var peer: String
    public var peerName: String
    /// Changes sent to the peer.
    public var sent: Int
    /// Changes received and newly applied.
    public var received: Int
    /// Changes received that were already held.
    public var duplicates: Int
    /// Conflicts open after the sync that were not before it.
    public var newConflicts: Int
    /// Conflicts open before the sync that it closed (a resolution or an edit received):
    /// the open conflicts after a sync number those before, plus `newConflicts`, minus these.
    public var settledConflicts: Int
    public var bytesSent: Int
    public var bytesReceived: Int
    public var seconds: Double

    /// `synced with office (…): sent 3, received 5, 1 new conflict` (and `, 2 settled`
    /// when it closed any)
    public var line: String {
        "synced with \(peerName) (\(peer)): sent \(sent), received \(received), \(conflicts)"
    }

    /// `applied a bundle from office (…): received 5, 2 already here, 1 new conflict`:
    /// nothing is sent back, and applying a bundle again finds only changes already here.
    public var bundleLine: String {
        "applied a bundle from \(peerName) (\(peer)): received \(received), \(duplicates) already here, \(conflicts)"
    }

    private var conflicts: String {
        (newConflicts == 1 ? "1 new conflict" : "\(newConflicts) new conflicts")
            + (settledConflicts > 0 ? ", \(settledConflicts) settled" : "")
    }
}
