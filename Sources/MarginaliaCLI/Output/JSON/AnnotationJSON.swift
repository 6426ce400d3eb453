import MarginaliaCore

/// An annotation in `show --json` and `annotations --json`.
struct AnnotationJSON: Encodable {
    var id: String
    var article: String?
    var start: Int?
    var end: Int?
    var quote: String?
    var prefix: String?
    var suffix: String?
    var revision: String?
    var note: String
    var tags: [String]
    var state: String
    var conflicts: [String]
    var created: String
    var updated: String

    init(_ annotation: AnnotationSnapshot) {
        id = annotation.id.rawValue
        article = annotation.article?.rawValue
        start = annotation.anchor?.start
        end = annotation.anchor?.end
        quote = annotation.anchor?.quote
        prefix = annotation.anchor?.prefix
        suffix = annotation.anchor?.suffix
        revision = annotation.anchor?.revision?.description
        note = annotation.note
        tags = annotation.tags
        state = annotation.existence.rawValue
        conflicts = annotation.conflictedFields.map(\.rawValue)
        created = JSONOutput.time(annotation.created)
        updated = JSONOutput.time(annotation.updated)
    }
}
