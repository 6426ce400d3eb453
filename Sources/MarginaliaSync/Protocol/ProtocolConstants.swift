/// The fixed facts of the sync protocol (see Protocol/README.md).
public enum ProtocolConstants {
    /// The `protocol` member of every `hello`.
    public static let name = "marginalia-sync"
    /// The version this implementation speaks.
    public static let version = 1
    /// The longest line either side accepts, in bytes, newline excluded.
    public static let maximumLineBytes = 16 * 1024 * 1024
    /// Changes applied per transaction by a receiver; each batch also records knowledge,
    /// so an interrupted sync keeps every committed batch and resumes after it.
    public static let batchSize = 2_000
}
