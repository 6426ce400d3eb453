import Foundation
import GRDB

/// What SQLite alone takes to write parts of the state a synced replica holds, each
/// into an empty file by the `sqlite3` shell (as the baseline runs), in one
/// transaction, in WAL mode like a replica.
///
/// No sync can store a state faster than SQLite writes it, so each time over the
/// baseline's is a floor under the initial sync's ratio: the part of the gap that comes
/// from what a replica keeps, not from how it writes it.
enum StateCopyFloor {
    enum Part: CaseIterable {
        /// The change log with its indexes: what every replica must keep, since peers
        /// are sent changes from it and `history` reads it.
        case log
        /// The full-text indexes of titles, bodies and notes, built from the synced
        /// rows' texts. FTS5's own `unicode61 remove_diacritics 2` tokenizer stands in
        /// for the replica's (which adds folding "đ" to "d" and is not in the shell),
        /// and the indexes are contentless, so this is only the indexing.
        case fullText
        /// The log and the derived tables with all their indexes but the full-text ones,
        /// copied row by row (`INSERT … SELECT`).
        case logAndRows

        var label: String {
            switch self {
            case .log: "the log alone"
            case .fullText: "the full-text indexes alone"
            case .logAndRows: "the log and rows, no full-text indexes"
            }
        }
    }

    static func measure(_ part: Part, replica: String, session: Session) throws -> ChildProcess.Outcome {
        let script = session.path("sync-floor.sql")
        let floor = session.path("sync-floor.db")
        FileSizes.remove(database: floor)
        let quoted = replica.replacingOccurrences(of: "'", with: "''")
        let statements = ["PRAGMA journal_mode = WAL;", "ATTACH '\(quoted)' AS source;", "BEGIN;"]
            + (try body(of: part, copying: replica)) + ["COMMIT;"]
        try statements.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        return try ChildProcess.checked(
            "/bin/sh", ["-c", "sqlite3 \(SyncBenchmark.quoted(floor)) \(SyncBenchmark.quoted(".read " + script))"],
            errorFile: session.path("sync-floor.err"))
    }

    private static func body(of part: Part, copying replica: String) throws -> [String] {
        switch part {
        case .log: try copies(of: replica, where: "tbl_name = 'changes'")
        case .logAndRows: try copies(of: replica, where: "name NOT LIKE '%_search%'")
        case .fullText:
            [
                "CREATE VIRTUAL TABLE article_search USING fts5(title, body, content = '', \(tokenizer));",
                "INSERT INTO article_search (rowid, title, body) SELECT rowid, title, body FROM source.articles;",
                "CREATE VIRTUAL TABLE note_search USING fts5(note, content = '', \(tokenizer));",
                "INSERT INTO note_search (rowid, note) SELECT rowid, note FROM source.annotations;",
            ]
        }
    }

    private static let tokenizer = "tokenize = 'unicode61 remove_diacritics 2'"

    /// The replica's tables and indexes that `condition` selects, then each table's rows
    /// in their stored order.
    private static func copies(of replica: String, where condition: String) throws -> [String] {
        let schema = try DatabaseQueue(path: replica).read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_schema
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND (\(condition))
                ORDER BY type = 'index', rowid
                """)
        }
        let tables = schema.filter { $0["type"] == "table" }.map { $0["name"] as String }
        return schema.map { ($0["sql"] as String) + ";" }
            + tables.map { "INSERT INTO main.\($0) SELECT * FROM source.\($0);" }
    }
}
