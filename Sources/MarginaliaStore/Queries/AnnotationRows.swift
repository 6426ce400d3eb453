import GRDB
import MarginaliaCore

/// Queries over the `annotations` table used by reading and editing.
struct AnnotationRows {
    let db: Database

    /// The visible annotations of `article`, or with `deleted` its deleted ones.
    func ids(onArticle article: EntityID, deleted: Bool = false) throws -> [EntityID] {
        try String.fetchAll(
            db, sql: "SELECT id FROM annotations WHERE article = ? AND (existence = \(Existence.deleted.sql)) = ? ORDER BY id",
            arguments: [article.rawValue, deleted]
        ).compactMap(EntityID.init)
    }

    /// The visible annotations of `article`, placed in its current body, in body order.
    func placed(onArticle article: EntityID) throws -> [PlacedAnnotation] {
        // A cursor reads each row in place; `fetchAll` would copy every value first.
        let annotations = try Array(Row.fetchCursor(db, sql: """
            SELECT \(SnapshotRows.annotationColumns) FROM annotations WHERE article = ? AND existence != \(Existence.deleted.sql)
            """, arguments: [article.rawValue]
        ).map(SnapshotRows.annotation))
        return try AnnotationPlacer(db: db).place(annotations).sorted(by: PlacedAnnotation.listingOrder)
    }
}
