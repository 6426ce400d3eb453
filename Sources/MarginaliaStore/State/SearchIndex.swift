import Foundation
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
/// indexes at the end (`deferUpdates`, `buildStep`): a row of `search_rebuild`, written
/// in the same transaction as the rows left out, says how far each index reaches
/// (`Reach`): it holds exactly its table's rows up to a rowid. Whatever stops the sync,
/// the mark stays until the build is done, which every search and `verify` finish first,
/// so no search ever reads an index missing rows. The build goes in steps of a few
/// thousand rows, each its own short transaction that moves the mark on, so it never
/// holds the write lock for long (a one-pass 'rebuild' took seconds, longer than
/// another process's busy timeout at ten times the size), and a build stopped midway
/// resumes where it stood. A sync also builds whole steps between its batches, while it
/// reads the next one (`buildAhead`), leaving the mark for the rows still to come.
/// Meanwhile every write keeps a row it saves in the index only when the row is within
/// reach: FTS5 refuses to forget a row it never held, as corrupt, and a later step
/// indexes the others as they then are.
struct SearchIndex {
    let db: Database

    /// Which rows the indexes hold: every row, or while they are being built, each
    /// table's rows up to a rowid (rows added later get higher rowids, so a later step
    /// reaches them).
    struct Reach: Equatable {
        var articles: Int64
        var notes: Int64

        static let all = Reach(articles: .max, notes: .max)
    }

    /// Rows per step of the build: an article's title and body weigh about as much as
    /// ten notes. A step holds the write lock for about a quarter of a second, far below
    /// a busy timeout; steps ten times smaller made the whole build about 50% slower
    /// (a commit and a new index segment each).
    static let rowsPerStep = Reach(articles: 2_000, notes: 20_000)
    /// How long the build lets go of the write lock between two steps: longer than
    /// another replica connection waits between its tries (`BusyWait`), so that one
    /// waiting gets in.
    static let pauseBetweenSteps: TimeInterval = 0.002

    /// Marks the indexes as lacking the rows the caller saves from now on: they reach
    /// only the rows stored so far (unless already marked).
    func deferUpdates() throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO search_rebuild (singleton, articles_through, notes_through)
            VALUES (1, (SELECT ifnull(max(rowid), 0) FROM articles), (SELECT ifnull(max(rowid), 0) FROM annotations))
            """).execute()
    }

    /// Which rows the indexes hold now.
    func reach() throws -> Reach {
        guard let row = try Row.fetchOne(db, sql: "SELECT articles_through, notes_through FROM search_rebuild") else {
            return .all
        }
        return Reach(articles: row[0], notes: row[1])
    }

    /// Whether rows were left out of the indexes and not indexed yet.
    func isStale() throws -> Bool {
        try reach() != .all
    }

    /// One step of the build, in the caller's transaction: indexes up to `limit` more
    /// rows of the first index lacking some, and moves the mark past them, or removes
    /// the mark when no row is left out. Returns whether the indexes are complete.
    func buildStep(limit: Reach = rowsPerStep) throws -> Bool {
        guard try reach() != .all else { return true }
        if try advance(limit: limit, wholeStepsOnly: false) { return false }
        try db.execute(sql: "DELETE FROM search_rebuild")
        return true
    }

    /// One step of the build while more rows are still to come (a sync between two
    /// batches): indexes a whole step of the rows left out of one index, when that many
    /// are, and never removes the mark, since the rows still to come are to be left out
    /// too. Returns whether it indexed any.
    ///
    /// Why: the build at the end runs alone, while the sync's other thread has nothing
    /// left to do; a step taken while that thread decodes the next batch uses time the
    /// writer would spend waiting (long articles are slower to decode than to store).
    /// Only whole steps, because each step writes an index segment that later merges
    /// into the others.
    func buildAhead(limit: Reach = rowsPerStep) throws -> Bool {
        guard try reach() != .all else { return false }
        return try advance(limit: limit, wholeStepsOnly: true)
    }

    /// Indexes up to `limit` rows of the first index lacking some (of the first lacking
    /// a whole `limit`, when `wholeStepsOnly`) and moves the mark past them; returns
    /// whether it indexed any.
    private func advance(limit: Reach, wholeStepsOnly: Bool) throws -> Bool {
        var reach = try reach()
        if try !wholeStepsOnly || waiting(in: "articles", after: reach.articles, atLeast: limit.articles),
           let through = try extend("article_search", of: "articles", columns: "title, body", after: reach.articles,
                                    limit: limit.articles) {
            reach.articles = through
        } else if try !wholeStepsOnly || waiting(in: "annotations", after: reach.notes, atLeast: limit.notes),
                  let through = try extend("note_search", of: "annotations", columns: "note", after: reach.notes,
                                           limit: limit.notes) {
            reach.notes = through
        } else {
            return false
        }
        try db.execute(
            sql: "UPDATE search_rebuild SET articles_through = ?, notes_through = ?", arguments: [reach.articles, reach.notes])
        return true
    }

    /// Whether at least `count` rows of `table` come after rowid `after`.
    private func waiting(in table: String, after: Int64, atLeast count: Int64) throws -> Bool {
        try Int64.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(table) WHERE rowid > ? LIMIT ?)",
                           arguments: [after, count]) == count
    }

    /// Indexes up to `limit` rows of `table` after rowid `after`; returns the last rowid
    /// indexed, nil when there was none.
    private func extend(_ index: String, of table: String, columns: String, after: Int64, limit: Int64) throws -> Int64? {
        guard let through = try Int64.fetchOne(db, sql: """
            SELECT max(rowid) FROM (SELECT rowid FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?)
            """, arguments: [after, limit]) else { return nil }
        try db.execute(sql: """
            INSERT INTO \(index) (rowid, \(columns)) SELECT rowid, \(columns) FROM \(table) WHERE rowid > ? AND rowid <= ?
            """, arguments: [after, through])
        return through
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
