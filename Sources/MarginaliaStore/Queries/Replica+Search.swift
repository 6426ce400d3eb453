import GRDB
import MarginaliaCore

extension Replica {
    /// Full-text search of visible articles (title and body) and notes, as articles best
    /// first (bm25; a title counts four times a body), each with its matching passage and
    /// its matching notes. Case, diacritics and the look-alikes of `đ` are ignored, so
    /// `nuoc` finds `nước`. Matched words are put between `highlight`'s marks.
    public func search(
        _ query: SearchQuery, limit: Int = 20, highlight: (open: String, close: String) = ("[", "]")
    ) throws -> [SearchResult] {
        try completeSearchIndex()
        return try read { db in
            let storedTags = try TagFilter.storedTags(db)
            let articles = SearchExpression(query, in: .articles, entity: "a.id", storedTags: storedTags)
            let notes = SearchExpression(query, in: .notes, entity: "n.id", storedTags: storedTags)
            // Each article's best rank, its own or one of its notes'. (FTS5's bm25 cannot be
            // used under an aggregate, so the two indexes are asked apart and merged here.)
            var ranks: [String: Double] = [:]
            func rank(_ sql: String, _ arguments: StatementArguments) throws {
                let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try rows.next() {
                    let article: String = row[0], rank: Double = row[1]
                    ranks[article] = min(rank, ranks[article] ?? rank)
                }
            }
            if let articles {
                try rank("SELECT a.id, bm25(article_search, 4.0, 1.0) " + Self.articleHits(articles), Self.arguments(articles))
            }
            if let notes { try rank("SELECT n.article, bm25(note_search) " + Self.noteHits(notes), Self.arguments(notes)) }
            let best = ranks.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(limit)
            guard !best.isEmpty else { return [] }
            let ids = best.map(\.key)
            let among = "(" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")"

            var titles: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, title FROM articles WHERE id IN \(among)", arguments: StatementArguments(ids)) {
                titles[row["id"]] = row["title"]
            }
            var snippets: [String: String] = [:]
            if let articles {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT a.id, snippet(article_search, -1, ?, ?, '…', 12) AS snippet \(Self.articleHits(articles))
                    AND a.id IN \(among)
                    """, arguments: [highlight.open, highlight.close] + Self.arguments(articles) + StatementArguments(ids))
                for row in rows { snippets[row["id"]] = row["snippet"] }
            }
            var notesByArticle: [String: [SearchResult.Note]] = [:]
            if let notes {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT n.id, n.article, snippet(note_search, 0, ?, ?, '…', 24) AS snippet, bm25(note_search) AS rank
                    \(Self.noteHits(notes)) AND n.article IN \(among) ORDER BY rank, n.id
                    """, arguments: [highlight.open, highlight.close] + Self.arguments(notes) + StatementArguments(ids))
                for row in rows {
                    notesByArticle[row["article"], default: []].append(
                        SearchResult.Note(id: try SnapshotRows.entityID(row["id"]), snippet: row["snippet"], rank: row["rank"]))
                }
            }
            return try best.map { id, rank in
                SearchResult(
                    article: try SnapshotRows.entityID(id), title: titles[id] ?? "", snippet: snippets[id], rank: rank,
                    notes: notesByArticle[id] ?? [])
            }
        }
    }

    /// FROM and WHERE of the visible articles matching `expression` (arguments: `arguments(expression)`).
    private static func articleHits(_ expression: SearchExpression) -> String {
        """
        FROM article_search JOIN articles a ON a.rowid = article_search.rowid
        WHERE article_search MATCH ? AND a.existence != \(Existence.deleted.sql) AND \(expression.tagCondition)
        """
    }

    /// FROM and WHERE of the visible annotations of visible articles whose notes match `expression`.
    private static func noteHits(_ expression: SearchExpression) -> String {
        """
        FROM note_search JOIN annotations n ON n.rowid = note_search.rowid JOIN articles a ON a.id = n.article
        WHERE note_search MATCH ? AND n.existence != \(Existence.deleted.sql) AND a.existence != \(Existence.deleted.sql) AND \(expression.tagCondition)
        """
    }

    private static func arguments(_ expression: SearchExpression) -> StatementArguments {
        [expression.match] + StatementArguments(expression.tagArguments)
    }
}
