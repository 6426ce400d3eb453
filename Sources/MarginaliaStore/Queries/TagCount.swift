import GRDB
import MarginaliaCore

/// A tag and how many visible articles and annotations carry it, for `tags`.
public struct TagCount: Hashable, Sendable {
    /// As typed when it was first added.
    public var tag: String
    public var articles: Int
    public var annotations: Int
}

extension Replica {
    /// Every tag of a visible article or annotation, with its counts, in the order of
    /// their folded names (so `Đối-ngoại` sorts among the d's).
    public func tagCounts() throws -> [TagCount] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.tag,
                       count(a.id) AS articles,
                       count(n.id) AS annotations
                FROM tags t
                LEFT JOIN articles a ON a.id = t.entity AND a.existence != \(Existence.deleted.sql)
                LEFT JOIN annotations n ON n.id = t.entity AND n.existence != \(Existence.deleted.sql)
                GROUP BY t.tag HAVING count(a.id) + count(n.id) > 0
                """
            ).map { TagCount(tag: $0["tag"], articles: $0["articles"], annotations: $0["annotations"]) }
                .map { (folded: FoldedText($0.tag.unicodeScalars).text, count: $0) }
                .sorted { ($0.folded, $0.count.tag) < ($1.folded, $1.count.tag) }.map(\.count)
        }
    }
}
