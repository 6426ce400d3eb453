import MarginaliaCore
import MarginaliaStore

/// A line of `search --json`.
enum SearchHitJSON {
    static func json(_ hit: SearchHit) -> JSONValue {
        .members([
            "kind": hit.kind.rawValue, "id": hit.id.rawValue, "article": hit.article.rawValue, "title": hit.title,
            "snippet": hit.snippet, "rank": hit.rank,
        ])
    }
}
