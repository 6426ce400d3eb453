import GRDB
import MarginaliaCore

/// How many visible (not deleted) articles and annotations the replica holds, one row
/// per kind in `visible_counts`: what `status` reports. Counting the rows each time
/// read every one of them (tens of milliseconds at a million annotations); kept here,
/// the count costs one row. Derived like the rest (a replay gives the same, which
/// `verify` checks), kept by `EntityStore` in the transaction that saves the entity.
struct VisibleCounts {
    let db: Database

    /// The counts, created with the other derived tables.
    static let table = """
        CREATE TABLE IF NOT EXISTS visible_counts (
            kind TEXT PRIMARY KEY,
            count INTEGER NOT NULL CHECK (count >= 0)
        ) WITHOUT ROWID;
        """

    /// Counts the rows afresh: a new replica, or one upgraded from a format without the table.
    func rebuild() throws {
        for kind in EntityKind.allCases {
            try db.execute(sql: """
                INSERT OR REPLACE INTO visible_counts (kind, count)
                SELECT ?, count(*) FROM \(EntityStore.table(for: kind)) WHERE existence != \(Existence.deleted.sql)
                """, arguments: [kind.rawValue])
        }
    }

    /// Records that an entity of `kind` was visible (`wasVisible`, false for a new one)
    /// and now is or is not.
    func update(_ kind: EntityKind, wasVisible: Bool, isVisible: Bool) throws {
        guard wasVisible != isVisible else { return }
        try db.cachedStatement(sql: "UPDATE visible_counts SET count = count + ? WHERE kind = ?")
            .execute(arguments: [isVisible ? 1 : -1, kind.rawValue])
    }

    /// The count of visible entities of `kind`.
    func count(_ kind: EntityKind) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count FROM visible_counts WHERE kind = ?", arguments: [kind.rawValue]) ?? 0
    }
}
