import MarginaliaCore

/// A peer this replica accepts in TLS sync, named by its identity's fingerprint, and
/// by a name of the person's choosing, if any (`trust rm NAME`).
public struct TrustedPeer: Hashable, Sendable {
    public var fingerprint: Fingerprint
    public var name: String?
    /// When it was first trusted (ms since 1970).
    public var added: Int64

    public init(fingerprint: Fingerprint, name: String?, added: Int64) {
        self.fingerprint = fingerprint
        self.name = name
        self.added = added
    }
}
