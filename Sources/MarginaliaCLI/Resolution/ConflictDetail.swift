import MarginaliaCore
import MarginaliaStore

/// One open conflict with what people need to decide it: the competing values
/// (numbered from 1, the displayed one first) and, for a field, the common ancestor
/// they were edited from; for an edit concurrent with a delete, what the edit changed.
struct ConflictDetail {
    let conflict: Conflict
    /// The ancestor of a field conflict, when the log has one.
    let ancestor: CompetingValue?
    /// For an edit concurrent with a delete, by the dot of each value that keeps the
    /// entity: what its side edited that the deletion never saw, against what it saw.
    var edits: [Dot: [FieldEdit]] = [:]

    static func load(_ conflict: Conflict, from replica: Replica) throws -> ConflictDetail {
        switch conflict.kind {
        case .field(let field, let values):
            let ancestor = try replica.commonAncestor(of: field, in: conflict.entity, siblings: values.map(\.dot))
            return ConflictDetail(conflict: conflict, ancestor: ancestor)
        case .editedWhileDeleted(let values):
            let history = try replica.history(of: conflict.entity).map(\.change)
            let byDot = Dictionary(history.map { ($0.dot, $0) }, uniquingKeysWith: { first, _ in first })
            guard let deletion = values.first(where: { $0.value == .flag(false) }).flatMap({ byDot[$0.dot] }) else {
                return ConflictDetail(conflict: conflict, ancestor: nil)
            }
            var edits: [Dot: [FieldEdit]] = [:]
            for value in values where value.value == .flag(true) {
                guard let edit = byDot[value.dot] else { continue }
                edits[value.dot] = FieldEdit.unseen(by: deletion, madeBy: edit, in: history)
            }
            return ConflictDetail(conflict: conflict, ancestor: nil, edits: edits)
        case .annotationOnDeletedArticle:
            return ConflictDetail(conflict: conflict, ancestor: nil)
        }
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
