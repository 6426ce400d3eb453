import Foundation
import GRDB
import MarginaliaCore

extension Replica {
    /// Streams the replica's merged state as canonical text lines: every derived
    /// table (without local row ids) and the knowledge vector, rows sorted.
    ///
    /// Replicas that have applied the same set of changes produce exactly the same
    /// lines, whatever order the changes arrived in; this is what convergence tests
    /// compare and what a state digest hashes.
    public func canonicalState(_ line: (String) throws -> Void) throws {
        try read { db in
            for (table, columns) in LogReplay.comparedColumns {
                try line("[\(table)]")
                let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table) ORDER BY \(columns)")
                while let row = try rows.next() {
                    try line(row.databaseValues.map(Self.canonicalText).joined(separator: "\t"))
                }
            }
        }
    }

    /// One SQLite value as unambiguous text: NULL, integers, and JSON-quoted strings.
    private static func canonicalText(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): (try? CanonicalJSON.string(text)) ?? text
        case .blob(let data): "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }
}
