import Foundation
import GRDB

/// What SQLite alone takes to write the state a synced replica holds: its log and
/// derived tables, with their indexes, copied row by row into an empty file by
/// `INSERT … SELECT` in the `sqlite3` shell (as the baseline runs), in one transaction,
/// in WAL mode like a replica. The full-text indexes are left out, since the shell lacks
/// their tokenizer, so this is less than a sync has to write.
///
/// No sync can store that state faster than SQLite copies it, so this time over the
/// baseline's is a floor under the initial sync's ratio: the part of the gap that comes
/// from what a replica keeps (the log beside the rows), not from how it writes it.
enum StateCopyFloor {
    static func measure(replica: String, session: Session) throws -> ChildProcess.Outcome {
        let script = session.path("sync-floor.sql")
        let floor = session.path("sync-floor.db")
        FileSizes.remove(database: floor)
        try statements(copying: replica).joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        return try ChildProcess.checked(
            "/bin/sh", ["-c", "sqlite3 \(SyncBenchmark.quoted(floor)) \(SyncBenchmark.quoted(".read " + script))"],
            errorFile: session.path("sync-floor.err"))
    }

    /// The script: the replica's tables and indexes but the full-text ones, then each
    /// table's rows in their stored order.
    private static func statements(copying replica: String) throws -> [String] {
        let schema = try DatabaseQueue(path: replica).read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_schema
                WHERE sql IS NOT NULL AND name NOT LIKE '%_search%' AND name NOT LIKE 'sqlite_%'
                ORDER BY type = 'index', rowid
                """)
        }
        let tables = schema.filter { $0["type"] == "table" }.map { $0["name"] as String }
        let quoted = replica.replacingOccurrences(of: "'", with: "''")
        return ["PRAGMA journal_mode = WAL;", "ATTACH '\(quoted)' AS source;", "BEGIN;"]
            + schema.map { ($0["sql"] as String) + ";" }
            + tables.map { "INSERT INTO main.\($0) SELECT * FROM source.\($0);" }
            + ["COMMIT;"]
    }
}
