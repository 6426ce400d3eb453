/// The fixed facts of the sync protocol (see Protocol/README.md).
public enum ProtocolConstants {
    /// The `protocol` member of every `hello`.
    public static let name = "marginalia-sync"
    /// The version this implementation speaks: 2 adds the digest at the end of a
    /// session and the divergence search (`probe`).
    public static let version = 2
    /// The version named in TCP proofs (`Authenticator`): 1 whatever the session's
    /// version, since the client proves the secret before it learns the server's.
    public static let proofVersion = 1
    /// The oldest version it still answers (a responder speaks the initiator's).
    public static let oldestVersion = 1
    /// The most ranges one `probe` may ask for.
    public static let maximumProbeRanges = 1_000
    /// The longest line either side accepts, in bytes, newline excluded.
    public static let maximumLineBytes = 16 * 1024 * 1024
    /// Changes applied per transaction by a receiver; each batch also records knowledge,
    /// so an interrupted sync keeps every committed batch and resumes after it.
    public static let batchSize = 2_000
    /// A receiver's batch also ends once its changes' payloads reach this many bytes: it
    /// holds two batches at once (one applied, one read), and 2,000 articles of 20 KB
    /// would be 80 MB of text, twice over (payloads and decoded changes).
    public static let batchBytes = 4 * 1024 * 1024
}
