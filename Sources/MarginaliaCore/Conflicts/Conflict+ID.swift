extension Conflict {
    /// What is in conflict: an entity and a register. A field conflict names its field;
    /// both conflicts over an entity's existence (edited while deleted elsewhere, or an
    /// annotation on a deleted article, which never hold at once) name `alive`. The same
    /// before and after another value joins, so a sync can tell the conflicts it brought
    /// from those already there, and a walk-through can find a conflict again.
    public struct ID: Hashable, Comparable, Sendable, CustomStringConvertible {
        public var entity: EntityID
        public var field: FieldName

        public init(entity: EntityID, field: FieldName) {
            self.entity = entity
            self.field = field
        }

        /// `3f9a…c2 title`.
        public var description: String { "\(entity) \(field)" }

        /// `title of article 3f9a1b2c`, or `article 3f9a1b2c` for its existence: how
        /// messages name the conflict to people (the entity's id cut to 8 characters).
        public func name(of kind: EntityKind) -> String {
            let entity = "\(kind) \(entity.rawValue.prefix(8))"
            return field == .alive ? entity : "\(field) of \(entity)"
        }

        /// By entity, then field: an entity's existence (`alive`) before its fields.
        public static func < (lhs: ID, rhs: ID) -> Bool {
            (lhs.entity, lhs.field) < (rhs.entity, rhs.field)
        }
    }
}
