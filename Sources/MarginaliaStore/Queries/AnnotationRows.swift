import GRDB
import MarginaliaCore

/// Queries over the `annotations` table used by editing.
struct AnnotationRows {
    let db: Database

    /// The visible annotations of `article`.
    func visibleIDs(onArticle article: EntityID) throws -> [EntityID] {
        try String.fetchAll(
            db, sql: "SELECT id FROM annotations WHERE article = ? AND existence != 'deleted' ORDER BY id",
            arguments: [article.rawValue]
        ).compactMap(EntityID.init)
    }
}
