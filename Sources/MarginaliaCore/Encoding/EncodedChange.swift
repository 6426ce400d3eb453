/// A change as a log holds it: its canonical JSON (`CanonicalChangeWriter`), the exact
/// bytes peers are sent, and their hash, which the log's digests sum (`LogDigest`).
///
/// Kept together so that the hash is computed where the JSON is: for a received change,
/// on the thread that decodes it, not on the replica's writer.
public struct EncodedChange: Sendable {
    public let payload: String
    public let hash: LogDigest

    /// `change`, encoded and hashed.
    public init(_ change: Change) {
        self.init(payload: CanonicalChangeWriter.json(change))
    }

    /// A payload already encoded (one read back from a log), hashed.
    public init(payload: String) {
        self.payload = payload
        hash = LogDigest(payload: payload)
    }
}
