/// A received change with the work that needs no replica already done: validated,
/// written as the canonical JSON the log stores, hashed, and, for a replica, the
/// record of the entity it would create.
///
/// A sync prepares each change as it decodes it, on its own thread, so the replica's
/// writer (the bottleneck of a large sync) only checks it against the replica and
/// stores it. An invalid change keeps its rejection, raised in stream order when the
/// batch reaches it.
public struct PreparedChange: Sendable {
    public let change: Change
    /// The change as the log stores it, or why the change is refused.
    public let encoded: Result<EncodedChange, ChangeRejection>
    /// The record of the entity as this change alone creates it, which the writer stores
    /// when it finds the entity new (in an initial sync, nearly every change); nil when
    /// not asked for (`recordingCreation`, a hub keeps no entities) or refused.
    public let created: EntityRecord?

    /// The canonical JSON alone, or why the change is refused.
    public var payload: Result<String, ChangeRejection> { encoded.map(\.payload) }

    /// The bytes of the canonical JSON (0 for a refused change): what a receiver's
    /// batches are measured in.
    public var payloadBytes: Int { (try? payload.get().utf8.count) ?? 0 }

    /// Validated and encoded, without the record (`created` nil).
    public init(_ change: Change) {
        self.init(change, recordingCreation: false)
    }

    public init(_ change: Change, recordingCreation: Bool) {
        self.change = change
        do throws(ChangeRejection) {
            try ChangeValidator.validate(change)
            encoded = .success(EncodedChange(change))
            if recordingCreation {
                var state = EntityState(id: change.entity, kind: change.kind)
                state.apply(change)
                created = EntityRecord(state)
            } else {
                created = nil
            }
        } catch {
            encoded = .failure(error)
            created = nil
        }
    }
}
