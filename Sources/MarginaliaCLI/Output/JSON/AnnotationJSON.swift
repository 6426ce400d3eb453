import MarginaliaCore

/// An annotation in `show --json` and `annotations --json`: `start` and `end` say where
/// it is now (null when orphaned), `status` how sure that is, and the anchor as made
/// (`anchored_start`, `anchored_end`, `quote`, `prefix`, `suffix`, against `revision`).
struct AnnotationJSON: Encodable {
    var id: String
    var article: String?
    /// Always written, as null when orphaned: an optional inside one, which the encoder
    /// writes as null where it leaves out an absent optional.
    var start: Int??
    var end: Int??
    var status: String
    var anchoredStart: Int?
    var anchoredEnd: Int?
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

    enum CodingKeys: String, CodingKey {
        case id, article, start, end, status, quote, prefix, suffix, revision, note, tags, state, conflicts, created
        case updated
        case anchoredStart = "anchored_start"
        case anchoredEnd = "anchored_end"
    }

    init(_ placed: PlacedAnnotation) {
        let annotation = placed.annotation
        id = annotation.id.rawValue
        article = annotation.article?.rawValue
        start = .some(placed.placement.range?.lowerBound)
        end = .some(placed.placement.range?.upperBound)
        status = placed.placement.status.rawValue
        anchoredStart = annotation.anchor?.start
        anchoredEnd = annotation.anchor?.end
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
