import MarginaliaCore

extension LocalEditor {
    /// Adds and removes tags of an article or annotation.
    public mutating func tag(_ id: EntityID, kind: EntityKind, adding: [Tag], removing: [Tag]) throws {
        let state = try visibleState(id, kind: kind)
        var fields: [FieldName: FieldValue] = [:]
        for tag in removing { fields[.tag(tag.name)] = .flag(false) }
        for tag in adding { fields[.tag(tag.name)] = .flag(true) }
        try recordEdit(of: state, fields: fields)
    }

    /// Deletes an annotation.
    public mutating func deleteAnnotation(_ id: EntityID) throws {
        _ = try visibleState(id, kind: .annotation)
        try record(id, kind: .annotation, fields: [.alive: .flag(false)])
    }

    /// Records an edit of `fields`, leaving out those already holding exactly that
    /// value with no competing sibling, and marks the entity alive (so an edit
    /// concurrent with a delete elsewhere is kept as a conflict).
    mutating func recordEdit(of state: EntityState, fields: [FieldName: FieldValue]) throws {
        let effective = fields.filter { !Self.isNoOp(writing: $0.value, to: $0.key, of: state) }
        guard !effective.isEmpty || state.existence == .contested else { throw ReplicaError.nothingToChange }
        try record(state.id, kind: state.kind, fields: effective.merging([.alive: .flag(true)]) { new, _ in new })
    }

    /// Whether writing `value` would change nothing: every sibling already holds it,
    /// or it removes a tag that is absent. Adding a tag is never a no-op: as in an
    /// observed-remove set, a new add must survive a removal made concurrently
    /// elsewhere, which only a new sibling does.
    static func isNoOp(writing value: FieldValue, to field: FieldName, of state: EntityState) -> Bool {
        let register = state.register(field)
        if case .tag = field { return value == .flag(false) && !register.anyTrue }
        return !register.isEmpty && register.siblings.allSatisfy { $0.value == value }
    }
}
