import GRDB
import MarginaliaCore

/// The rows `Replica.annotations(of:status:tagged:deleted:)` reads: visible (or, with
/// `deleted`, deleted) annotations, of one article when given, tagged `tag` when
/// given. Asking for a status other than `exact` reads only the annotations that may
/// have moved (`may_have_moved`, through its partial index), so listing the orphans of
/// a large replica reads the annotations of the articles edited since they were
/// annotated, not every row.
struct AnnotationListing {
    var article: EntityID?
    var status: AnchorStatus?
    var tag: String?
    var deleted: Bool

    /// The query and its arguments.
    func sql(in db: Database) throws -> (sql: String, arguments: StatementArguments) {
        var sql = "SELECT \(SnapshotRows.annotationColumns) FROM annotations WHERE (existence = \(Existence.deleted.sql)) = ?"
        var arguments: StatementArguments = [deleted]
        if let article {
            sql += " AND article = ?"
            arguments += [article.rawValue]
        }
        if let tag {
            let (condition, tagArguments) = try TagFilter.condition("annotations.id", named: tag, in: db)
            sql += " AND " + condition
            arguments += tagArguments
        }
        if let status, status != .exact { sql += " AND " + AnnotationPlacer.mayHaveMoved }
        return (sql, arguments)
    }
}
