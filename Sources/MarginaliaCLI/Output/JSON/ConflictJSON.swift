import MarginaliaCore
import MarginaliaStore

/// A line of `conflicts --json`, and an entry of `conflict ID --json` (which adds the
/// common ancestor and each value's word diff against it).
enum ConflictJSON {
    static func json(_ conflict: Conflict) -> JSONValue {
        json(ConflictDetail(conflict: conflict, ancestor: nil), detailed: false)
    }

    /// With `detailed`, the ancestor (left out when the log has none) and the diffs of
    /// text values, and for an edit concurrent with a delete what each kept value's side
    /// edited (`edits`). `type` is `field`, `edited_while_deleted` or
    /// `annotation_on_deleted_article`.
    static func json(_ detail: ConflictDetail, detailed: Bool) -> JSONValue {
        let conflict = detail.conflict
        let common = JSONValue.members([
            "entity": conflict.entity.rawValue, "entity_kind": conflict.entityKind.rawValue, "label": conflict.label,
        ])
        switch conflict.kind {
        case .field(let field, let values):
            let base = detailed && detail.isText ? detail.ancestor?.value.text ?? "" : nil
            return common.adding([
                "type": "field", "field": field.rawValue,
                "values": JSONValue.array(values.map { json($0, diffFrom: base) }),
                "ancestor": detail.ancestor.map { json($0) },
            ])
        case .editedWhileDeleted(let values):
            return common.adding(["type": "edited_while_deleted", "values": JSONValue.array(values.map { value in
                json(value).adding(["edits": detailed ? detail.edits[value.dot].map { JSONValue.array($0.map(json)) } : nil])
            })])
        case .annotationOnDeletedArticle(let article):
            return common.adding(["type": "annotation_on_deleted_article", "article": article.rawValue])
        }
    }

    /// One competing value; with an ancestor's text, its word diff from it (runs whose
    /// `op` is `equal`, `deleted` or `inserted`).
    private static func json(_ value: CompetingValue, diffFrom ancestor: String? = nil) -> JSONValue {
        var diff: JSONValue?
        if let ancestor, let text = value.value.text { diff = self.diff(from: ancestor, to: text) }
        return .members([
            "value": value.value, "dot": value.dot.description, "replica": value.dot.replica.rawValue,
            "replica_name": value.replicaName, "time": JSONOutput.time(value.time), "diff": diff,
        ])
    }

    /// One field an edit wrote: `field`, `before` (absent when it had no value),
    /// `after`, and for text the `diff` from one to the other.
    private static func json(_ edit: FieldEdit) -> JSONValue {
        .members([
            "field": edit.field.rawValue, "before": edit.before, "after": edit.after,
            "diff": edit.field.holdsText ? diff(from: edit.before?.text ?? "", to: edit.after.text ?? "") : nil,
        ])
    }

    /// A word diff as runs whose `op` is `equal`, `deleted` or `inserted`.
    private static func diff(from old: String, to new: String) -> JSONValue {
        .array(WordDiff.segments(from: old, to: new).map { .members(["op": $0.operation.rawValue, "text": $0.text]) })
    }
}

/// `conflict ID --json`: the entity and each of its open conflicts in detail.
enum EntityConflictsJSON {
    static func json(entity: EntityID, kind: EntityKind, conflicts: [ConflictDetail]) -> JSONValue {
        .members([
            "entity": entity.rawValue, "entity_kind": kind.rawValue,
            "conflicts": JSONValue.array(conflicts.map { ConflictJSON.json($0, detailed: true) }),
        ])
    }
}
