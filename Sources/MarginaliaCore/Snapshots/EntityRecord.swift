/// What a replica stores of an entity's merged state, beside its full-text entries: its
/// registers (`StoredRegisters`), its snapshot (what people see), its tags and the
/// conflicts its registers hold.
///
/// A value of its own, computed from the state alone, so that it can be computed away
/// from the replica's writer: a sync prepares, with each received change, the record
/// of the entity as that change alone creates it (`PreparedChange.created`), which is
/// what a replica that has never seen the entity stores.
public struct EntityRecord: Sendable {
    /// The displayed values, as the entity's kind has them.
    public enum Snapshot: Sendable {
        case article(ArticleSnapshot)
        case annotation(AnnotationSnapshot)
    }

    public let id: EntityID
    public let snapshot: Snapshot
    /// The registers as stored (`StoredRegisters.json`).
    public let registers: String
    public let tags: [String]
    public let conflicts: [Conflict.ID]

    public init(_ state: EntityState) {
        id = state.id
        switch state.kind {
        case .article: snapshot = .article(ArticleSnapshot(state))
        case .annotation: snapshot = .annotation(AnnotationSnapshot(state))
        }
        registers = StoredRegisters.json(state.registers)
        tags = state.tags
        conflicts = state.conflicts
    }
}
