/// What people see of an annotation: its article, anchor, note and tags.
public struct AnnotationSnapshot: Hashable, Sendable {
    public var id: EntityID
    public var article: EntityID?
    public var anchor: Anchor?
    public var note: String
    public var tags: [String]
    public var existence: Existence
    public var conflictedFields: [FieldName]
    public var created: Int64
    public var updated: Int64

    /// Restores a snapshot from stored columns.
    public init(id: EntityID, article: EntityID?, anchor: Anchor?, note: String, tags: [String], existence: Existence, conflictedFields: [FieldName], created: Int64, updated: Int64) {
        self.id = id
        self.article = article
        self.anchor = anchor
        self.note = note
        self.tags = tags
        self.existence = existence
        self.conflictedFields = conflictedFields
        self.created = created
        self.updated = updated
    }

    public init(_ state: EntityState) {
        precondition(state.kind == .annotation)
        id = state.id
        article = state.value(.article)?.reference
        anchor = state.value(.anchor)?.anchor
        note = state.value(.note)?.text ?? ""
        tags = state.tags
        existence = state.existence
        conflictedFields = state.conflictedFields
        created = state.firstTime
        updated = state.lastTime
    }
}
