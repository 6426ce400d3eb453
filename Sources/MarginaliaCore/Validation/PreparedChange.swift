/// A received change with the work that needs no replica already done: validated,
/// written as the canonical JSON the log stores, and hashed.
///
/// A sync prepares each change as it decodes it, on its own thread, so the replica's
/// writer (the bottleneck of a large sync) only checks it against the replica and
/// stores it. An invalid change keeps its rejection, raised in stream order when the
/// batch reaches it.
public struct PreparedChange: Sendable {
    public let change: Change
    /// The change as the log stores it, or why the change is refused.
    public let encoded: Result<EncodedChange, ChangeRejection>

    /// The canonical JSON alone, or why the change is refused.
    public var payload: Result<String, ChangeRejection> { encoded.map(\.payload) }

    public init(_ change: Change) {
        self.change = change
        do throws(ChangeRejection) {
            try ChangeValidator.validate(change)
            encoded = .success(EncodedChange(change))
        } catch {
            encoded = .failure(error)
        }
    }
}
