import MarginaliaCore

extension LocalEditor {
    /// Settles a conflicted field by writing `value`. This is an ordinary edit: its
    /// causal context covers every competing sibling, so on every replica that receives
    /// it the value supersedes them all, and it creates no conflict of its own.
    public mutating func resolve(_ field: FieldName, of id: EntityID, kind: EntityKind, with value: FieldValue)
        throws
    {
        let state = try visibleState(id, kind: kind)
        guard field.isUserField, state.register(field).isConflicted else {
            throw ReplicaError.notInConflict(id, kind: kind, field: field)
        }
        try recordEdit(of: state, fields: [field: try Self.validValue(value, for: field)])
    }

    /// Settles an edit made concurrently with a deletion by keeping the entity. For an
    /// annotation made while its article was deleted elsewhere, keeping it brings the
    /// article back (with the values it had; its other annotations stay deleted).
    public mutating func keep(_ id: EntityID, kind: EntityKind) throws {
        let state = try visibleState(id, kind: kind)
        if state.existence == .contested { return try recordEdit(of: state, fields: [:]) }
        guard let article = try deletedArticle(of: state) else { throw ReplicaError.notContested(id, kind: kind) }
        try record(article, kind: .article, fields: [.alive: .flag(true)])
    }

    /// Settles an edit made concurrently with a deletion (or an annotation made while
    /// its article was deleted) by deleting the entity after all.
    public mutating func discard(_ id: EntityID, kind: EntityKind) throws {
        let state = try visibleState(id, kind: kind)
        guard try state.existence == .contested || deletedArticle(of: state) != nil else {
            throw ReplicaError.notContested(id, kind: kind)
        }
        switch kind {
        case .article: try deleteArticle(id)
        case .annotation: try deleteAnnotation(id)
        }
    }

    /// The article of an annotation, when that article has been deleted.
    private func deletedArticle(of state: EntityState) throws -> EntityID? {
        guard state.kind == .annotation, let article = state.value(.article)?.reference else { return nil }
        return try EntityStore(db: db).load(article, kind: .article).existence == .deleted ? article : nil
    }

    /// `value` as `field` stores it: text in NFC, a title trimmed and on one line, an
    /// empty source as no source.
    static func validValue(_ value: FieldValue, for field: FieldName) throws -> FieldValue {
        guard value.isOfType(field.valueType) else {
            throw ReplicaError.unacceptableChange("\(field) cannot hold that kind of value")
        }
        switch (field, value) {
        case (.title, .text(let title)): return .text(try validTitle(title))
        case (.source, .text(let source)) where source.isEmpty: return FieldValue.none
        case (_, .text(let text)): return .text(TextNormalization.nfc(text))
        default: return value
        }
    }
}
