import GRDB
import MarginaliaCore

/// One line of `list`.
public struct ArticleSummary: Hashable, Sendable {
    public var id: EntityID
    public var title: String
    public var tags: [String]
    public var annotationCount: Int
    public var existence: Existence
    public var conflictedFields: [FieldName]
    public var updated: Int64
}

/// An article with its visible annotations, for `show`.
public struct ArticleDetail: Hashable, Sendable {
    public var article: ArticleSnapshot
    public var annotations: [AnnotationSnapshot]
}

extension Replica {
    /// The visible articles (live or contested), newest first, optionally only those tagged `tag`.
    public func articles(tagged tag: String? = nil) throws -> [ArticleSummary] {
        try read { db in
            var sql = """
                SELECT a.id, a.title, a.existence, a.conflicts, a.updated_ms,
                       (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags WHERE entity = a.id ORDER BY tag))
                           AS tag_list,
                       (SELECT count(*) FROM annotations n WHERE n.article = a.id AND n.existence != 'deleted')
                           AS annotation_count
                FROM articles a WHERE a.existence != 'deleted'
                """
            var arguments: StatementArguments = []
            if let tag {
                sql += " AND a.id IN (SELECT entity FROM tags WHERE tag = ?)"
                arguments += [TextNormalization.nfc(tag)]
            }
            sql += " ORDER BY a.created_ms DESC, a.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ArticleSummary(
                    id: try SnapshotRows.entityID(row["id"]), title: row["title"],
                    tags: (row["tag_list"] as String?)?.split(separator: " ").map(String.init) ?? [],
                    annotationCount: row["annotation_count"], existence: try SnapshotRows.existence(row["existence"]),
                    conflictedFields: try SnapshotRows.conflicts(row["conflicts"]), updated: row["updated_ms"])
            }
        }
    }

    /// An article and its visible annotations in body order. Deleted articles are refused.
    public func articleDetail(_ id: EntityID) throws -> ArticleDetail {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(SnapshotRows.articleColumns) FROM articles WHERE id = ?", arguments: [id.rawValue])
            else { throw ReplicaError.unknownID(id.rawValue) }
            let article = try SnapshotRows.article(row)
            guard article.existence.isVisible else { throw ReplicaError.deleted(id, kind: .article) }
            // A cursor reads each row in place; `fetchAll` would copy every value first.
            let annotations = try Array(Row.fetchCursor(db, sql: """
                SELECT \(SnapshotRows.annotationColumns) FROM annotations
                WHERE article = ? AND existence != 'deleted' ORDER BY start, "end", id
                """, arguments: [id.rawValue]
            ).map(SnapshotRows.annotation))
            return ArticleDetail(article: article, annotations: annotations)
        }
    }

    /// Visible annotations, of one visible article or of all, in article then body order.
    public func annotations(of article: EntityID? = nil) throws -> [AnnotationSnapshot] {
        try read { db in
            if let article, try String.fetchOne(
                db, sql: "SELECT existence FROM articles WHERE id = ?", arguments: [article.rawValue]) == "deleted" {
                throw ReplicaError.deleted(article, kind: .article)
            }
            var sql = "SELECT \(SnapshotRows.annotationColumns) FROM annotations WHERE existence != 'deleted'"
            var arguments: StatementArguments = []
            if let article {
                sql += " AND article = ?"
                arguments += [article.rawValue]
            }
            sql += #" ORDER BY article, start, "end", id"#
            return try Array(Row.fetchCursor(db, sql: sql, arguments: arguments).map(SnapshotRows.annotation))
        }
    }

    /// One annotation, visible or not (`show` refuses deleted ones; conflict views need them).
    public func annotation(_ id: EntityID) throws -> AnnotationSnapshot {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(SnapshotRows.annotationColumns) FROM annotations WHERE id = ?",
                arguments: [id.rawValue])
            else { throw ReplicaError.unknownID(id.rawValue) }
            return try SnapshotRows.annotation(row)
        }
    }
}
