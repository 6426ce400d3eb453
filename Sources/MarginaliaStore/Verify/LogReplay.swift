import Foundation
import GRDB
import MarginaliaCore

/// Replays a replica's log into a fresh temporary file and compares the derived
/// tables of both, row by row, with SQL `EXCEPT` in both directions.
struct LogReplay {
    let source: Replica

    struct Outcome {
        var changes: Int
        var rowsCompared: Int
        var problems: [String]
    }

    /// The columns compared per derived table: all but local row ids, which depend on
    /// the order rows were first inserted and so differ between replicas.
    static let comparedColumns: [(table: String, columns: String)] = [
        ("articles", """
            id, registers, title, body, body_replica, body_counter, source, existence, created_ms, updated_ms
            """),
        ("annotations", """
            id, registers, article, start, "end", quote, prefix, suffix, revision_replica, revision_counter, note, existence,
            created_ms, updated_ms, may_have_moved
            """),
        ("entity_conflicts", "entity, field"),
        ("tags", "tag, entity"),
        ("visible_counts", "kind, count"),
        ("knowledge", "replica, counter"),
        ("replica", "lamport"),
    ]

    func rebuildAndCompare() throws -> Outcome {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("marginalia-verify-\(UUID().uuidString).db").path
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let rebuilt = try Replica.connect(path: path)
        var problems: [String] = []
        let changes = try source.read { db in
            try rebuilt.write { target in
                try Schema.create(target)
                try target.execute(
                    sql: "INSERT INTO replica (singleton, id, name, created_ms) VALUES (1, ?, '', 0)",
                    arguments: [source.id.rawValue])
                let applier = ChangeApplier(db: target)
                var count = 0
                let rows = try Row.fetchCursor(db, sql: "SELECT seq, replica, counter, payload FROM changes ORDER BY seq")
                while let row = try rows.next() {
                    let payload: String = row["payload"]
                    let change = try ChangeLog.decode(payload)
                    if change.dot.replica.rawValue != row["replica"] || change.dot.counter != row["counter"] {
                        problems.append("log entry \(row["seq"] as Int64) holds change \(change.dot) under another dot")
                    }
                    try applier.apply(change, encoded: EncodedChange(payload: payload))
                    count += 1
                }
                return count
            }
        }
        var rowsCompared = 0
        try rebuilt.inDatabase { db in
            try db.execute(sql: "ATTACH DATABASE ? AS stored", arguments: [source.path])
            for (table, columns) in Self.comparedColumns {
                let missing = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM (SELECT \(columns) FROM main.\(table) EXCEPT SELECT \(columns) FROM stored.\(table))
                    """) ?? 0
                let extra = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM (SELECT \(columns) FROM stored.\(table) EXCEPT SELECT \(columns) FROM main.\(table))
                    """) ?? 0
                rowsCompared += try Int.fetchOne(db, sql: "SELECT count(*) FROM stored.\(table)") ?? 0
                if missing > 0 || extra > 0 {
                    problems.append(
                        "table \(table) differs from a replay of the log: \(missing) rows missing or different, \(extra) rows unexplained")
                }
            }
            try db.execute(sql: "DETACH DATABASE stored")
        }
        return Outcome(changes: changes, rowsCompared: rowsCompared, problems: problems)
    }
}
