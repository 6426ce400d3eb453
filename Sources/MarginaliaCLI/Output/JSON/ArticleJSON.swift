import MarginaliaCore
import MarginaliaStore

/// An article in `show --json` (with its body and annotations) and `list --json`
/// (with its annotation count instead).
enum ArticleJSON {
    static func json(_ detail: ArticleDetail) -> JSONValue {
        let article = detail.article
        return .members([
            "annotations": JSONValue.array(detail.annotations.map(AnnotationJSON.json)), "body": article.body,
            "body_revision": article.bodyRevision?.description,
            "conflicts": article.conflictedFields.map { $0.rawValue }, "created": JSONOutput.time(article.created),
            "id": article.id.rawValue, "source": article.source, "state": article.existence.rawValue,
            "tags": article.tags, "title": article.title, "updated": JSONOutput.time(article.updated),
        ])
    }

    static func json(_ summary: ArticleSummary) -> JSONValue {
        .members([
            "annotation_count": summary.annotationCount, "conflicts": summary.conflictedFields.map { $0.rawValue },
            "id": summary.id.rawValue, "state": summary.existence.rawValue, "tags": summary.tags,
            "title": summary.title, "updated": JSONOutput.time(summary.updated),
        ])
    }
}
