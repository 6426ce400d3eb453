import MarginaliaCore
import MarginaliaStore

/// A line of `conflicts --json`, and an entry of `conflict ID --json` (which adds the
/// common ancestor and each value's word diff against it).
struct ConflictJSON: Encodable {
    struct ValueJSON: Encodable {
        var value: FieldValue
        var dot: String
        var replica: String
        var replicaName: String?
        var time: String
        var diff: [DiffJSON]?

        enum CodingKeys: String, CodingKey {
            case value, dot, replica, time, diff
            case replicaName = "replica_name"
        }

        init(_ value: CompetingValue, diffFrom ancestor: String? = nil) {
            self.value = value.value
            dot = value.dot.description
            replica = value.dot.replica.rawValue
            replicaName = value.replicaName
            time = JSONOutput.time(value.time)
            if let ancestor, let text = value.value.text {
                diff = WordDiff.segments(from: ancestor, to: text).map(DiffJSON.init)
            }
        }
    }

    /// One run of a word diff: `op` is `equal`, `deleted` or `inserted`.
    struct DiffJSON: Encodable {
        var op: String
        var text: String

        init(_ segment: WordDiff.Segment) {
            op = segment.operation.rawValue
            text = segment.text
        }
    }

    /// `field`, `edited_while_deleted` or `annotation_on_deleted_article`.
    var type: String
    var entity: String
    var entityKind: String
    var label: String
    var field: String?
    var values: [ValueJSON]?
    var ancestor: ValueJSON?
    var article: String?

    enum CodingKeys: String, CodingKey {
        case type, entity, label, field, values, ancestor, article
        case entityKind = "entity_kind"
    }

    init(_ conflict: Conflict) {
        self.init(ConflictDetail(conflict: conflict, ancestor: nil), detailed: false)
    }

    /// With `detailed`, the ancestor (null when the log has none) and the diffs of text values.
    init(_ detail: ConflictDetail, detailed: Bool) {
        let conflict = detail.conflict
        entity = conflict.entity.rawValue
        entityKind = conflict.entityKind.rawValue
        label = conflict.label
        switch conflict.kind {
        case .field(let field, let values):
            type = "field"
            self.field = field.rawValue
            let base = detailed && detail.isText ? detail.ancestor?.value.text ?? "" : nil
            self.values = values.map { ValueJSON($0, diffFrom: base) }
            ancestor = detail.ancestor.map { ValueJSON($0) }
        case .editedWhileDeleted(let values):
            type = "edited_while_deleted"
            self.values = values.map { ValueJSON($0) }
        case .annotationOnDeletedArticle(let article):
            type = "annotation_on_deleted_article"
            self.article = article.rawValue
        }
    }
}

/// `conflict ID --json`: the entity and each of its open conflicts in detail.
struct EntityConflictsJSON: Encodable {
    var entity: String
    var entityKind: String
    var conflicts: [ConflictJSON]

    enum CodingKeys: String, CodingKey {
        case entity, conflicts
        case entityKind = "entity_kind"
    }
}
