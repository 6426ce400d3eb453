import GRDB
import MarginaliaCore

/// One value competing in a conflict, with who wrote it and when.
public struct CompetingValue: Hashable, Sendable {
    public var dot: Dot
    public var replicaName: String?
    public var time: Int64
    public var value: FieldValue
}

/// Something people have to decide after concurrent edits.
public struct Conflict: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A field with two or more distinct values.
        case field(FieldName, [CompetingValue])
        /// Edited on one replica while deleted on another: the `alive` values.
        case editedWhileDeleted([CompetingValue])
        /// An annotation added (or kept) while its article was deleted elsewhere.
        case annotationOnDeletedArticle(article: EntityID)
    }

    public var entity: EntityID
    public var entityKind: EntityKind
    /// The article's title, or the annotation's quote: what people recognise it by.
    public var label: String
    public var kind: Kind

    /// What is in conflict, whatever the competing values: the same before and after
    /// another value joins, so a sync can tell the conflicts it brought from those it
    /// found.
    public var subject: String {
        switch kind {
        case .field(let field, _): "\(entity) \(field)"
        case .editedWhileDeleted: "\(entity) alive"
        case .annotationOnDeletedArticle(let article): "\(entity) on deleted \(article)"
        }
    }

    /// The conflicted field, for a field conflict.
    public var field: FieldName? {
        if case .field(let field, _) = kind { return field }
        return nil
    }
}

extension Replica {
    /// Every open conflict, by entity then field; only those of `entity` when given.
    public func conflicts(of entity: EntityID? = nil) throws -> [Conflict] {
        let only: StatementArguments = entity.map { [$0.rawValue] } ?? []
        return try read { db in
            let names = try ReplicaNames(db: db).all()
            var conflicts: [Conflict] = []
            // Four parts, each on its own index, sorted here: SQLite would rather scan a
            // table in id order than sort the few rows (70 ms against 3 ms on 30,000
            // entities), and a sync asks before and after every session.
            let filter = entity == nil ? "" : " AND id = ?1"
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, 'article' AS kind, title AS label, existence, conflicts FROM articles
                WHERE existence = 'contested'\(filter)
                UNION ALL SELECT id, 'article', title, existence, conflicts FROM articles
                WHERE conflicts != '' AND existence NOT IN ('deleted', 'contested')\(filter)
                UNION ALL SELECT id, 'annotation', quote, existence, conflicts FROM annotations
                WHERE existence = 'contested'\(filter)
                UNION ALL SELECT id, 'annotation', quote, existence, conflicts FROM annotations
                WHERE conflicts != '' AND existence NOT IN ('deleted', 'contested')\(filter)
                """, arguments: only).sorted { ($0["id"] as String) < ($1["id"] as String) }
            for row in rows {
                let id = try SnapshotRows.entityID(row["id"])
                let kind = EntityKind(rawValue: row["kind"]) ?? .article
                let label: String = row["label"] ?? ""
                if row["existence"] as String == "contested" {
                    let values = try competing(.alive, of: id, kind: kind, in: db, names: names)
                    conflicts.append(Conflict(entity: id, entityKind: kind, label: label, kind: .editedWhileDeleted(values)))
                }
                for field in try SnapshotRows.conflicts(row["conflicts"]) {
                    let values = try competing(field, of: id, kind: kind, in: db, names: names)
                    conflicts.append(Conflict(entity: id, entityKind: kind, label: label, kind: .field(field, values)))
                }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT n.id, n.quote, n.article FROM annotations n JOIN articles a ON a.id = n.article
                WHERE a.existence = 'deleted' AND +n.existence = 'live'\(entity == nil ? "" : " AND n.id = ?1") ORDER BY n.id
                """, arguments: only) {
                conflicts.append(Conflict(
                    entity: try SnapshotRows.entityID(row["id"]), entityKind: .annotation, label: row["quote"] ?? "",
                    kind: .annotationOnDeletedArticle(article: try SnapshotRows.entityID(row["article"]))))
            }
            return conflicts
        }
    }

    /// The siblings of one register with their authors and times, displayed value first.
    private func competing(
        _ field: FieldName, of entity: EntityID, kind: EntityKind, in db: Database, names: [ReplicaID: String]
    ) throws -> [CompetingValue] {
        let register = try EntityStore(db: db).load(entity, kind: kind).register(field)
        let time = try db.cachedStatement(sql: "SELECT time_ms FROM changes WHERE replica = ? AND counter = ?")
        return try register.siblings.sorted { $0.isPreferred(over: $1) }.map { sibling in
            guard let written = try Int64.fetchOne(time, arguments: [sibling.dot.replica.rawValue, sibling.dot.counter])
            else { throw CorruptReplicaError("sibling \(sibling.dot) of \(entity) \(field) is not in the log") }
            return CompetingValue(
                dot: sibling.dot, replicaName: names[sibling.dot.replica], time: written, value: sibling.value)
        }
    }
}
