import MarginaliaCore
import MarginaliaStore

/// An article in `show --json` (with its annotations) and `list --json` (without).
struct ArticleJSON: Encodable {
    var id: String
    var title: String
    var body: String?
    var source: String?
    var tags: [String]
    var state: String
    var conflicts: [String]
    var created: String?
    var updated: String
    var bodyRevision: String?
    var annotationCount: Int?
    var annotations: [AnnotationJSON]?

    enum CodingKeys: String, CodingKey {
        case id, title, body, source, tags, state, conflicts, created, updated, annotations
        case bodyRevision = "body_revision"
        case annotationCount = "annotation_count"
    }

    init(_ detail: ArticleDetail) {
        let article = detail.article
        id = article.id.rawValue
        title = article.title
        body = article.body
        source = article.source
        tags = article.tags
        state = article.existence.rawValue
        conflicts = article.conflictedFields.map(\.rawValue)
        created = JSONOutput.time(article.created)
        updated = JSONOutput.time(article.updated)
        bodyRevision = article.bodyRevision?.description
        annotations = detail.annotations.map(AnnotationJSON.init)
    }

    init(_ summary: ArticleSummary) {
        id = summary.id.rawValue
        title = summary.title
        tags = summary.tags
        state = summary.existence.rawValue
        conflicts = summary.conflictedFields.map(\.rawValue)
        updated = JSONOutput.time(summary.updated)
        annotationCount = summary.annotationCount
    }
}
