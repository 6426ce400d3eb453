import MarginaliaCore
import MarginaliaStore

/// A line of `conflicts --json`.
struct ConflictJSON: Encodable {
    struct ValueJSON: Encodable {
        var value: FieldValue
        var dot: String
        var replica: String
        var replicaName: String?
        var time: String

        enum CodingKeys: String, CodingKey {
            case value, dot, replica, time
            case replicaName = "replica_name"
        }

        init(_ value: CompetingValue) {
            self.value = value.value
            dot = value.dot.description
            replica = value.dot.replica.rawValue
            replicaName = value.replicaName
            time = JSONOutput.time(value.time)
        }
    }

    /// `field`, `edited_while_deleted` or `annotation_on_deleted_article`.
    var type: String
    var entity: String
    var entityKind: String
    var label: String
    var field: String?
    var values: [ValueJSON]?
    var article: String?

    enum CodingKeys: String, CodingKey {
        case type, entity, label, field, values, article
        case entityKind = "entity_kind"
    }

    init(_ conflict: Conflict) {
        entity = conflict.entity.rawValue
        entityKind = conflict.entityKind.rawValue
        label = conflict.label
        switch conflict.kind {
        case .field(let field, let values):
            type = "field"
            self.field = field.rawValue
            self.values = values.map(ValueJSON.init)
        case .editedWhileDeleted(let values):
            type = "edited_while_deleted"
            self.values = values.map(ValueJSON.init)
        case .annotationOnDeletedArticle(let article):
            type = "annotation_on_deleted_article"
            self.article = article.rawValue
        }
    }
}
