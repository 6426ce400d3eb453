import GRDB
import MarginaliaCore

/// The `may_have_moved` column of `annotations`: false exactly when the anchor was
/// made against its article's current body revision, so that the annotation is
/// `exact` by definition (`AnnotationPlacer`). Derived like the rest of the row (a
/// replay of the log gives the same value, which `verify` checks) and never synced.
///
/// It is stored, and indexed where true, so that listing the doubtful annotations
/// (`annotations --status orphaned`) reads only those that may have moved instead of
/// comparing every row with its article. `EntityStore` keeps it in the transaction
/// that writes either side: an annotation's row when it is saved, and the rows of an
/// article's annotations when that article's body revision changes.
enum MayHaveMoved {
    /// SQL true when no article `article` has the body revision (`replica`, `counter`),
    /// all three SQL expressions (a null revision is never the current one).
    static func condition(article: String, replica: String, counter: String) -> String {
        """
        (NOT EXISTS (SELECT 1 FROM articles current WHERE current.id = \(article)
            AND current.body_replica = \(replica) AND current.body_counter = \(counter)))
        """
    }

    /// The condition for an `annotations` row, as stored.
    static let storedCondition = condition(
        article: "annotations.article", replica: "annotations.revision_replica",
        counter: "annotations.revision_counter")

    /// Sets the flag of every annotation of `article` (deleted ones included) from its
    /// current body revision; only rows whose flag changes are written.
    static func refresh(annotationsOf article: EntityID, in db: Database) throws {
        try db.cachedStatement(sql: """
            UPDATE annotations SET may_have_moved = \(storedCondition)
            WHERE article = ?1 AND may_have_moved IS NOT \(storedCondition)
            """).execute(arguments: [article.rawValue])
    }

    /// Sets the flag of every annotation (a replica upgraded from a format without it).
    static func refreshAll(in db: Database) throws {
        try db.execute(sql: "UPDATE annotations SET may_have_moved = \(storedCondition)")
    }
}
