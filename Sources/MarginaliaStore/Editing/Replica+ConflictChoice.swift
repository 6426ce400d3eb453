import MarginaliaCore

extension Replica {
    /// The open conflict of `entity` a resolution names: the one of `field` when named;
    /// else, when `keepingOrDeleting` (`Resolution.keep` or `.delete`), the one over its
    /// existence; else its only field conflict, or failing that the one over its existence.
    public func conflict(
        of entity: EntityID, kind: EntityKind, field: FieldName?, keepingOrDeleting: Bool
    ) throws -> Conflict {
        let open = try conflicts(of: entity)
        if let field {
            guard let found = open.first(where: { $0.field == field }) else {
                throw ReplicaError.notInConflict(entity, kind: kind, field: field)
            }
            return found
        }
        let existence = open.first { $0.id.field == .alive }
        if keepingOrDeleting {
            guard let existence else { throw ReplicaError.notContested(entity, kind: kind) }
            return existence
        }
        let fields = open.compactMap(\.field)
        if fields.count > 1 { throw ReplicaError.needsField(fields) }
        guard let found = open.first(where: { $0.field != nil }) ?? existence else {
            throw ReplicaError.nothingToResolve(entity, kind: kind)
        }
        return found
    }
}
