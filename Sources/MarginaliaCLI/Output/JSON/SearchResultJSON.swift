import MarginaliaCore
import MarginaliaStore

/// A line of `search --json`: an article found (`snippet` null when only its notes
/// matched), with its matching notes.
enum SearchResultJSON {
    static func json(_ result: SearchResult) -> JSONValue {
        .members([
            "article": result.article.rawValue,
            "notes": JSONValue.array(result.notes.map { note in
                .members(["id": note.id.rawValue, "rank": note.rank, "snippet": note.snippet])
            }),
            "rank": result.rank, "snippet": result.snippet.map(JSONValue.string) ?? JSONValue.null, "title": result.title,
        ])
    }
}
