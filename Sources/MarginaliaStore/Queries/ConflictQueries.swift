import GRDB
import MarginaliaCore

/// Counts what people have to decide after concurrent edits.
struct ConflictQueries {
    let db: Database

    /// Open conflicts: each conflicted field of a visible entity, each edit concurrent
    /// with a delete, and each live annotation whose article was deleted concurrently.
    func openCount() throws -> Int {
        let fieldCount = "coalesce(sum(length(conflicts) - length(replace(conflicts, ' ', '')) + 1), 0)"
        return try Int.fetchOne(db, sql: """
            SELECT (SELECT \(fieldCount) FROM articles WHERE conflicts != '' AND existence != 'deleted')
                 + (SELECT \(fieldCount) FROM annotations WHERE conflicts != '' AND existence != 'deleted')
                 + (SELECT count(*) FROM articles WHERE existence = 'contested')
                 + (SELECT count(*) FROM annotations WHERE existence = 'contested')
                 + (SELECT count(*) FROM articles a JOIN annotations n ON n.article = a.id
                    WHERE a.existence = 'deleted' AND n.existence = 'live')
            """) ?? 0
    }
}
