import GRDB
import MarginaliaCore

/// Which stored tags a tag typed in a filter names: regardless of case and diacritics
/// (folded as quotes are, `FoldedText`, which folds like the search index), so `doi-ngoai` names `Đối-ngoại`, while tags stay stored and
/// shown as typed. (`Urgent` and `urgent` are two tags; a filter names both.)
enum TagFilter {
    /// The stored tags that any of `terms` names (a prefix term: the tags starting so).
    static func tags(matching terms: [SearchQuery.Term], among storedTags: [String]) -> [String] {
        let wanted = terms.map { (folded: FoldedText($0.text.unicodeScalars).text, isPrefix: $0.isPrefix) }
        return storedTags.filter { tag in
            let folded = FoldedText(tag.unicodeScalars).text
            return wanted.contains { $0.isPrefix ? folded.hasPrefix($0.folded) : folded == $0.folded }
        }
    }

    /// Every distinct tag in the replica, in order. Found by seeking from each tag to
    /// the next in the `(tag, entity)` key, so the cost grows with the number of tags,
    /// not of tagged entities (`DISTINCT` would read every row: 700,000 at a million
    /// annotations, on every search).
    static func storedTags(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE distinct_tags(tag) AS (
                SELECT min(tag) FROM tags
                UNION ALL
                SELECT (SELECT min(tag) FROM tags WHERE tags.tag > distinct_tags.tag) FROM distinct_tags
                WHERE distinct_tags.tag IS NOT NULL
            )
            SELECT tag FROM distinct_tags WHERE tag IS NOT NULL
            """)
    }

    /// SQL true of the entities (`entity`, an SQL expression) tagged with one of `tags`.
    static func condition(_ entity: String, tags: [String]) -> String {
        "EXISTS (SELECT 1 FROM tags WHERE tags.entity = \(entity) AND tags.tag IN ("
            + Array(repeating: "?", count: tags.count).joined(separator: ", ") + "))"
    }

    /// SQL true of the entities tagged with what `name` names, and its arguments.
    static func condition(_ entity: String, named name: String, in db: Database) throws -> (String, StatementArguments) {
        let tags = tags(matching: [SearchQuery.Term(name)], among: try storedTags(db))
        return tags.isEmpty ? ("0", []) : (condition(entity, tags: tags), StatementArguments(tags))
    }
}
