import GRDB
import MarginaliaCore

/// Reads snapshots back from the derived `articles` and `annotations` rows.
enum SnapshotRows {
    /// The columns of `articles` a snapshot needs, with its tags as `tag_list`.
    static let articleColumns = """
        id, title, body, body_replica, body_counter, source, existence, conflicts, created_ms, updated_ms,
        \(tagList(of: "articles.id"))
        """
    /// The columns of `annotations` a snapshot needs, with its tags as `tag_list`: one
    /// query reads an article's annotations and their tags (`show` of 500 annotations).
    static let annotationColumns = """
        id, article, start, "end", quote, prefix, suffix, revision_replica, revision_counter, note, existence,
        conflicts, created_ms, updated_ms, \(tagList(of: "annotations.id"))
        """

    /// A subquery giving the sorted tags of an entity, separated by spaces (tags hold none).
    private static func tagList(of entity: String) -> String {
        "(SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags WHERE entity = \(entity) ORDER BY tag)) AS tag_list"
    }

    /// The article in `row` (selected with `articleColumns`).
    static func article(_ row: Row) throws -> ArticleSnapshot {
        let id = try entityID(row["id"])
        return ArticleSnapshot(
            id: id, title: row["title"], body: row["body"],
            bodyRevision: try dot(row["body_replica"], row["body_counter"]), source: row["source"],
            tags: tags(row),
            existence: try existence(row["existence"]), conflictedFields: try conflicts(row["conflicts"]),
            created: row["created_ms"], updated: row["updated_ms"])
    }

    /// The annotation in `row` (selected with `annotationColumns`).
    static func annotation(_ row: Row) throws -> AnnotationSnapshot {
        let id = try entityID(row["id"])
        var anchor: Anchor?
        if let start: Int = row["start"], let end: Int = row["end"] {
            anchor = Anchor(
                start: start, end: end, quote: row["quote"] ?? "", prefix: row["prefix"] ?? "",
                suffix: row["suffix"] ?? "", revision: try dot(row["revision_replica"], row["revision_counter"]))
        }
        let article: String? = row["article"]
        return AnnotationSnapshot(
            id: id, article: try article.map(entityID), anchor: anchor, note: row["note"],
            tags: tags(row), existence: try existence(row["existence"]),
            conflictedFields: try conflicts(row["conflicts"]),
            created: row["created_ms"], updated: row["updated_ms"])
    }

    private static func tags(_ row: Row) -> [String] {
        (row["tag_list"] as String?)?.split(separator: " ").map(String.init) ?? []
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

    static func existence(_ text: String) throws -> Existence {
        guard let existence = Existence(rawValue: text) else { throw CorruptReplicaError("existence '\(text)'") }
        return existence
    }

    static func conflicts(_ text: String) throws -> [FieldName] {
        try text.split(separator: " ").map {
            guard let field = FieldName(String($0)) else { throw CorruptReplicaError("conflicted field '\($0)'") }
            return field
        }
    }
}
