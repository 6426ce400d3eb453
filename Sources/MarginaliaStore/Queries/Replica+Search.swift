import GRDB
import MarginaliaCore

/// One result of `search`.
public struct SearchHit: Hashable, Sendable {
    /// Whether the words matched an article's title or body, or an annotation's note.
    public var kind: EntityKind
    public var id: EntityID
    /// The article shown: the hit itself, or the annotated article.
    public var article: EntityID
    public var title: String
    /// The matching passage, with matched words between `[` and `]`.
    public var snippet: String
    /// FTS5's bm25 rank: lower is better.
    public var rank: Double
}

extension Replica {
    /// Full-text search over titles, bodies and notes of visible entities, best first.
    /// Each word of `query` must occur; diacritics are ignored, so `nuoc` finds `nước`.
    public func search(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        let match = Self.matchExpression(query)
        guard !match.isEmpty else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT 'article' AS kind, a.id, a.id AS article, a.title,
                       snippet(article_search, -1, '[', ']', '…', 12) AS snippet, bm25(article_search, 4.0, 1.0) AS rank
                FROM article_search JOIN articles a ON a.rowid = article_search.rowid
                WHERE article_search MATCH ?1 AND a.existence != 'deleted'
                UNION ALL
                SELECT 'annotation', n.id, n.article, a.title,
                       snippet(note_search, 0, '[', ']', '…', 12), bm25(note_search)
                FROM note_search JOIN annotations n ON n.rowid = note_search.rowid
                JOIN articles a ON a.id = n.article
                WHERE note_search MATCH ?1 AND n.existence != 'deleted'
                ORDER BY rank, id LIMIT ?2
                """, arguments: [match, limit]
            ).map { row in
                SearchHit(
                    kind: EntityKind(rawValue: row["kind"]) ?? .article, id: try SnapshotRows.entityID(row["id"]),
                    article: try SnapshotRows.entityID(row["article"]), title: row["title"], snippet: row["snippet"],
                    rank: row["rank"])
            }
        }
    }

    /// Each word quoted as an FTS5 string, so punctuation in what people type is never syntax.
    static func matchExpression(_ query: String) -> String {
        TextNormalization.nfc(query).split(whereSeparator: \.isWhitespace)
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            .joined(separator: " ")
    }
}
