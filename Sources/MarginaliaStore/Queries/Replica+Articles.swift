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
    /// Placed in the current body, in body order, orphans last.
    public var annotations: [PlacedAnnotation]
}

extension Replica {
    /// The visible articles (live or contested), newest first; with `deleted`, the deleted
    /// ones instead (the trash), the most recently deleted first (counting their deleted
    /// annotations). Only those tagged `tag` (regardless of case and diacritics,
    /// `TagFilter`) when given, and only those with annotations when `annotated`.
    public func articles(tagged tag: String? = nil, annotated: Bool = false, deleted: Bool = false) throws
        -> [ArticleSummary]
    {
        try read { db in
            var sql = """
                SELECT a.id, a.title, a.existence, \(SnapshotRows.conflictList(of: "a.id")), a.updated_ms,
                       (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags WHERE entity = a.id ORDER BY tag))
                           AS tag_list,
                       (SELECT count(*) FROM annotations n WHERE n.article = a.id AND (n.existence = \(Existence.deleted.sql)) = ?1)
                           AS annotation_count
                FROM articles a WHERE (a.existence = \(Existence.deleted.sql)) = ?1
                """
            var arguments: StatementArguments = [deleted]
            if let tag {
                let (condition, tagArguments) = try TagFilter.condition("a.id", named: tag, in: db)
                sql += " AND " + condition
                arguments += tagArguments
            }
            if annotated {
                sql += " AND EXISTS (SELECT 1 FROM annotations n WHERE n.article = a.id AND (n.existence = \(Existence.deleted.sql)) = ?1)"
            }
            sql += deleted ? " ORDER BY a.updated_ms DESC, a.id" : " ORDER BY a.created_ms DESC, a.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ArticleSummary(
                    id: try SnapshotRows.entityID(row["id"]), title: row["title"],
                    tags: (row["tag_list"] as String?)?.split(separator: " ").map(String.init) ?? [],
                    annotationCount: row["annotation_count"], existence: try Existence.stored(row["existence"]),
                    conflictedFields: try SnapshotRows.conflicts(row["conflict_list"]), updated: row["updated_ms"])
            }
        }
    }

    /// An article and its visible annotations placed in its current body, in body order.
    /// Deleted articles are refused.
    public func articleDetail(_ id: EntityID) throws -> ArticleDetail {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(SnapshotRows.articleColumns) FROM articles WHERE id = ?", arguments: [id.rawValue])
            else { throw ReplicaError.unknownID(id.rawValue) }
            let article = try SnapshotRows.article(row)
            guard article.existence.isVisible else { throw ReplicaError.deleted(id, kind: .article) }
            return ArticleDetail(article: article, annotations: try AnnotationRows(db: db).placed(onArticle: id))
        }
    }

    /// Visible annotations placed in the current bodies, of one visible article or of
    /// all, only those of one `status` and tagged `tag` (as `articles(tagged:)` matches
    /// tags) when given, in article then body order. With `deleted`, the deleted ones
    /// instead (the trash), of any article.
    public func annotations(
        of article: EntityID? = nil, status: AnchorStatus? = nil, tagged tag: String? = nil, deleted: Bool = false
    ) throws
        -> [PlacedAnnotation]
    {
        try read { db in
            if !deleted, let article, try String.fetchOne(
                db, sql: "SELECT existence FROM articles WHERE id = ?", arguments: [article.rawValue]
            ).map(Existence.stored) == .deleted {
                throw ReplicaError.deleted(article, kind: .article)
            }
            let (sql, arguments) = try AnnotationListing(article: article, status: status, tag: tag, deleted: deleted)
                .sql(in: db)
            let annotations = try Array(Row.fetchCursor(db, sql: sql, arguments: arguments).map(SnapshotRows.annotation))
            return try AnnotationPlacer(db: db).place(annotations)
                .filter { status == nil || $0.placement.status == status }
                .sorted(by: PlacedAnnotation.listingOrder)
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

    /// Where `annotation` is in the current body of its article.
    public func placement(of annotation: AnnotationSnapshot) throws -> AnchorPlacement {
        try read { db in try AnnotationPlacer(db: db).place([annotation])[0].placement }
    }
}
