/// A received change with the work that needs no replica already done: validated,
/// and written as the canonical JSON the log stores.
///
/// A sync prepares each change as it decodes it, on its own thread, so the replica's
/// writer (the bottleneck of a large sync) only checks it against the replica and
/// stores it. An invalid change keeps its rejection, raised in stream order when the
/// batch reaches it.
public struct PreparedChange: Sendable {
    public let change: Change
    /// The change's canonical JSON, or why the change is refused.
    public let payload: Result<String, ChangeRejection>

    public init(_ change: Change) {
        self.change = change
        do throws(ChangeRejection) {
            try ChangeValidator.validate(change)
            payload = .success(CanonicalChangeWriter.json(change))
        } catch {
            payload = .failure(error)
        }
    }
}
