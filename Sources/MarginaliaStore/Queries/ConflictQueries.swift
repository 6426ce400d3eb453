import GRDB
import MarginaliaCore

/// Which conflicts are open, said once: every view of conflicts lists or counts the
/// rows of `open`, so `status`, the prompt, `conflicts`, a sync's summary and
/// `resolve` cannot disagree.
struct ConflictQueries {
    let db: Database

    /// The open conflicts as `(entity, field)` rows (`Conflict.ID`): the conflicts of an
    /// entity's own registers (`entity_conflicts`) unless it is deleted, and `alive` of
    /// each live annotation whose article is deleted. (`+n.existence` keeps SQLite from
    /// scanning every live annotation: it must start from the few deleted articles.
    /// 90 ms to 0.05 ms on 100,000 annotations.)
    private static let open = """
        SELECT c.entity, c.field FROM entity_conflicts c
        WHERE NOT EXISTS (SELECT 1 FROM articles WHERE id = c.entity AND existence = \(Existence.deleted.sql))
          AND NOT EXISTS (SELECT 1 FROM annotations WHERE id = c.entity AND existence = \(Existence.deleted.sql))
        UNION ALL
        SELECT n.id, '\(FieldName.alive)' FROM articles a JOIN annotations n ON n.article = a.id
        WHERE a.existence = \(Existence.deleted.sql) AND +n.existence = \(Existence.live.sql)
        """

    /// How many conflicts are open.
    func count() throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM (\(Self.open))")) ?? 0
    }

    /// The open conflicts, sorted (`Conflict.ID`'s order); only those of `entity` when given.
    func ids(of entity: EntityID? = nil) throws -> [Conflict.ID] {
        let filter = entity == nil ? "" : " WHERE entity = ?"
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT entity, field FROM (\(Self.open))\(filter) ORDER BY entity, field"),
            arguments: entity.map { [$0.rawValue] } ?? [])
        return try Array(rows.map { row in
            let text: String = row[1]
            guard let field = FieldName(text) else { throw CorruptReplicaError("conflicted field '\(text)'") }
            return Conflict.ID(entity: try SnapshotRows.entityID(row[0]), field: field)
        })
    }
}
