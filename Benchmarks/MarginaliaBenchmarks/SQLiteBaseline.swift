import Foundation
import GRDB

/// The plain-SQLite import that `marginalia import` is measured against: the least
/// work that gives a searchable table of the same articles.
///
/// One table (id, title, body) with an external-content FTS5 index (unicode61,
/// diacritics removed), filled by a second prepared statement after each row (not
/// by a trigger: a trigger's statement savepoint makes FTS5 flush its pending terms
/// for every row, which the replica avoids too, see `SearchIndex`); WAL with
/// `synchronous=NORMAL` (the replica's settings, through the same GRDB
/// configuration); every file read and inserted in ONE transaction.
enum SQLiteBaseline {
    static let schema = """
        CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
        CREATE VIRTUAL TABLE t_search USING fts5(
            title, body, content = 't', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
        """

    /// Imports the `.txt` files of `directory`, in name order, into a new database at
    /// `path`; returns the number of rows.
    static func importDirectory(_ directory: String, into path: String) throws -> Int {
        var configuration = Configuration()
        configuration.journalMode = .wal
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try db.execute(sql: schema) }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".txt") }.sorted()
        try queue.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO t (title, body) VALUES (?, ?)")
            let index = try db.makeStatement(sql: "INSERT INTO t_search (rowid, title, body) VALUES (?, ?, ?)")
            for name in names {
                let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
                let (title, body) = split(String(decoding: data, as: UTF8.self))
                insert.setUncheckedArguments([title, body])
                try insert.execute()
                index.setUncheckedArguments([db.lastInsertedRowID, title, body])
                try index.execute()
            }
        }
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") ?? 0 }
    }

    /// The first line is the title; the body follows the blank line, without the final newline.
    static func split(_ text: String) -> (title: String, body: String) {
        guard let newline = text.firstIndex(of: "\n") else { return (text, "") }
        var body = text[text.index(after: newline)...]
        while body.first == "\n" { body.removeFirst() }
        while body.last == "\n" { body.removeLast() }
        return (String(text[..<newline]), String(body))
    }
}
