/// What people see of an article: the displayed value of each field and its conflicts.
public struct ArticleSnapshot: Hashable, Sendable {
    public var id: EntityID
    public var title: String
    public var body: String
    /// The dot of the displayed body value: the revision new anchors are made against.
    public var bodyRevision: Dot?
    public var source: String?
    public var tags: [String]
    public var existence: Existence
    public var conflictedFields: [FieldName]
    public var created: Int64
    public var updated: Int64

    /// Restores a snapshot from stored columns.
    public init(id: EntityID, title: String, body: String, bodyRevision: Dot?, source: String?, tags: [String], existence: Existence, conflictedFields: [FieldName], created: Int64, updated: Int64) {
        self.id = id
        self.title = title
        self.body = body
        self.bodyRevision = bodyRevision
        self.source = source
        self.tags = tags
        self.existence = existence
        self.conflictedFields = conflictedFields
        self.created = created
        self.updated = updated
    }

    public init(_ state: EntityState) {
        precondition(state.kind == .article)
        let body = state.register(.body).winner
        id = state.id
        title = state.value(.title)?.text ?? ""
        self.body = body?.value.text ?? ""
        bodyRevision = body?.dot
        source = state.value(.source)?.text
        tags = state.tags
        existence = state.existence
        conflictedFields = state.conflictedFields
        created = state.firstTime
        updated = state.lastTime
    }
}
