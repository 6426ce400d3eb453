import GRDB

/// Keeps the full-text indexes (`article_search`, `note_search`: FTS5 tables whose
/// content is the `articles` and `annotations` rows) in step with those rows.
///
/// Why not triggers, as SQLite's documentation suggests: a statement that fires a
/// trigger opens a statement savepoint, and FTS5 writes its pending terms to disk at
/// every savepoint, so each saved row wrote a tiny index segment and merged it into
/// the others; that took half of the writer's time in a sync. Statements issued one
/// by one open no savepoint, and FTS5 flushes once per transaction.
///
/// An external-content index forgets a row by being given its old values, so every
/// update passes the text the row held before it.
///
/// A receiver far behind (an initial sync) may leave its rows out instead and build the
/// indexes in one pass at the end (`deferUpdates`, `rebuildIfStale`): a row of
/// `search_rebuild`, written in the same transaction as the rows left out, says the
/// indexes lack rows. Whatever stops the sync, the mark stays until a rebuild, which
/// every search and `verify` does first, so no search ever reads an index missing rows.
/// While it is set, every write leaves the indexes alone (a local edit, another sync's
/// batch): FTS5 refuses to forget a row it never held, as corrupt, and the rebuild
/// covers whatever they wrote.
struct SearchIndex {
    let db: Database

    /// Marks the indexes as lacking rows: the caller leaves out the rows it saves in this
    /// transaction.
    func deferUpdates() throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_rebuild (singleton) VALUES (1)").execute()
    }

    /// Whether rows were left out of the indexes since their last rebuild.
    func isStale() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM search_rebuild") != nil
    }

    /// Builds both indexes again from their tables, in one pass each, when rows were
    /// left out of them.
    func rebuildIfStale() throws {
        guard try isStale() else { return }
        for index in ["article_search", "note_search"] {
            try db.execute(sql: "INSERT INTO \(index) (\(index)) VALUES ('rebuild')")
        }
        try db.execute(sql: "DELETE FROM search_rebuild")
    }

    /// After inserting an article (`old` nil) or updating one whose title or body was `old`.
    func articleSaved(rowid: Int64, old: (title: String, body: String)?, title: String, body: String) throws {
        if let old {
            guard !Self.same(old.title, title) || !Self.same(old.body, body) else { return }
            try db.cachedStatement(sql: """
                INSERT INTO article_search (article_search, rowid, title, body) VALUES ('delete', ?, ?, ?)
                """).execute(arguments: [rowid, old.title, old.body])
        }
        try db.cachedStatement(sql: "INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)")
            .execute(arguments: [rowid, title, body])
    }

    /// After inserting an annotation (`old` nil) or updating one whose note was `old`.
    func annotationSaved(rowid: Int64, old: String?, note: String) throws {
        if let old {
            guard !Self.same(old, note) else { return }
            try db.cachedStatement(sql: "INSERT INTO note_search (note_search, rowid, note) VALUES ('delete', ?, ?)")
                .execute(arguments: [rowid, old])
        }
        try db.cachedStatement(sql: "INSERT INTO note_search (rowid, note) VALUES (?, ?)").execute(arguments: [rowid, note])
    }

    /// Byte equality, as SQLite compares text (`String ==` would equate canonically
    /// equivalent texts that the index tokenizes apart).
    private static func same(_ first: String, _ second: String) -> Bool {
        first.utf8.elementsEqual(second.utf8)
    }
}
