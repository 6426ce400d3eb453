import MarginaliaCore
import MarginaliaStore

/// One open conflict with what people need to decide it: the competing values
/// (numbered from 1, the displayed one first) and, for a field, the common ancestor
/// they were edited from.
struct ConflictDetail {
    let conflict: Conflict
    /// The ancestor of a field conflict, when the log has one.
    let ancestor: CompetingValue?

    static func load(_ conflict: Conflict, from replica: Replica) throws -> ConflictDetail {
        guard case .field(let field, let values) = conflict.kind else { return ConflictDetail(conflict: conflict, ancestor: nil) }
        let ancestor = try replica.commonAncestor(of: field, in: conflict.entity, siblings: values.map(\.dot))
        return ConflictDetail(conflict: conflict, ancestor: ancestor)
    }

    /// The conflicted field, for a field conflict.
    var field: FieldName? { conflict.field }

    /// The competing values (`Conflict.values`).
    var values: [CompetingValue] { conflict.values }

    /// Whether the field holds text, which can be merged, diffed and typed.
    var isText: Bool { field?.holdsText ?? false }

    /// `title of article 3f9a1b2c`: how messages name what was settled.
    var subject: String { conflict.id.name(of: conflict.entityKind) }
}
