import GRDB
import MarginaliaCore

/// Reads snapshots back from the derived `articles` and `annotations` rows.
enum SnapshotRows {
    /// The columns of `articles` a snapshot needs, with its tags as `tag_list`, in the
    /// order `article(_:)` reads them.
    static let articleColumns = """
        id, title, body, body_replica, body_counter, source, existence, \(conflictList(of: "articles.id")), created_ms,
        updated_ms, \(tagList(of: "articles.id"))
        """
    /// The columns of `annotations` a snapshot needs, with its tags as `tag_list`: one
    /// query reads an article's annotations and their tags (`show` of 500 annotations).
    /// In the order `annotation(_:)` reads them.
    static let annotationColumns = """
        id, article, start, "end", quote, prefix, suffix, revision_replica, revision_counter, note, existence,
        \(conflictList(of: "annotations.id")), created_ms, updated_ms, \(tagList(of: "annotations.id"))
        """

    /// A subquery giving the sorted tags of an entity, separated by spaces (tags hold none).
    private static func tagList(of entity: String) -> String {
        "(SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags WHERE entity = \(entity) ORDER BY tag)) AS tag_list"
    }

    /// A subquery giving the sorted conflicted user fields of an entity (open or not:
    /// a deleted entity's show again when it is restored), separated by spaces, as
    /// `conflict_list`.
    static func conflictList(of entity: String) -> String {
        """
        (SELECT group_concat(field, ' ') FROM (SELECT field FROM entity_conflicts WHERE entity = \(entity)
         AND field != '\(FieldName.alive)' ORDER BY field)) AS conflict_list
        """
    }

    /// The article in `row` (selected with `articleColumns`). Columns are read by
    /// position: GRDB finds a column by name with a case-insensitive scan, which for the
    /// 500 rows of one `show` cost more than the query.
    static func article(_ row: Row) throws -> ArticleSnapshot {
        ArticleSnapshot(
            id: try entityID(row[0]), title: row[1], body: row[2], bodyRevision: try dot(row[3], row[4]),
            source: row[5], tags: tags(row[10]), existence: try Existence.stored(row[6]),
            conflictedFields: try conflicts(row[7]), created: row[8], updated: row[9])
    }

    /// The annotation in `row` (selected with `annotationColumns`), read by position.
    static func annotation(_ row: Row) throws -> AnnotationSnapshot {
        var anchor: Anchor?
        if let start: Int = row[2], let end: Int = row[3] {
            anchor = Anchor(
                start: start, end: end, quote: row[4] ?? "", prefix: row[5] ?? "", suffix: row[6] ?? "",
                revision: try dot(row[7], row[8]))
        }
        let article: String? = row[1]
        return AnnotationSnapshot(
            id: try entityID(row[0]), article: try article.map(entityID), anchor: anchor, note: row[9],
            tags: tags(row[14]), existence: try Existence.stored(row[10]), conflictedFields: try conflicts(row[11]),
            created: row[12], updated: row[13])
    }

    private static func tags(_ list: String?) -> [String] {
        list?.split(separator: " ").map(String.init) ?? []
    }

    static func entityID(_ text: String) throws -> EntityID {
        guard let id = EntityID(text) else { throw CorruptReplicaError("'\(text)' is not an entity id") }
        return id
    }

    static func dot(_ replica: String?, _ counter: UInt64?) throws -> Dot? {
        guard let replica, let counter else { return nil }
        guard let id = ReplicaID(replica) else { throw CorruptReplicaError("'\(replica)' is not a replica id") }
        return Dot(replica: id, counter: counter)
    }

    static func conflicts(_ list: String?) throws -> [FieldName] {
        try (list ?? "").split(separator: " ").map {
            guard let field = FieldName(String($0)) else { throw CorruptReplicaError("conflicted field '\($0)'") }
            return field
        }
    }
}
