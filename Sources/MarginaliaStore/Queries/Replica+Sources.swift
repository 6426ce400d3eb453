import GRDB
import MarginaliaCore

extension Replica {
    /// The visible articles whose source is `source` (compared as NFC text), by id: how
    /// an imported annotation that names a web page finds its article.
    public func articles(withSource source: String) throws -> [EntityID] {
        try read { db in try Self.articles(withSource: source, in: db) }
    }

    static func articles(withSource source: String, in db: Database) throws -> [EntityID] {
        try String.fetchAll(
            db, sql: "SELECT id FROM articles WHERE source = ? AND existence != \(Existence.deleted.sql) ORDER BY id",
            arguments: [TextNormalization.nfc(source)]
        ).compactMap(EntityID.init)
    }

    /// Whether `id` is a visible article.
    public func isVisibleArticle(_ id: EntityID) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT existence FROM articles WHERE id = ?", arguments: [id.rawValue])
                .map { try Existence.stored($0).isVisible } ?? false
        }
    }
}
