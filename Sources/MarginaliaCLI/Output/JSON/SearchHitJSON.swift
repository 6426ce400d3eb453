import MarginaliaStore

/// A line of `search --json`.
struct SearchHitJSON: Encodable {
    var kind: String
    var id: String
    var article: String
    var title: String
    var snippet: String
    var rank: Double

    init(_ hit: SearchHit) {
        kind = hit.kind.rawValue
        id = hit.id.rawValue
        article = hit.article.rawValue
        title = hit.title
        snippet = hit.snippet
        rank = hit.rank
    }
}
