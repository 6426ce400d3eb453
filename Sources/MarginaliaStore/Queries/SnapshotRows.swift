import GRDB
import MarginaliaCore

/// Reads snapshots back from the derived `articles` and `annotations` rows.
enum SnapshotRows {
    static let articleColumns = """
        id, title, body, body_replica, body_counter, source, existence, conflicts, created_ms, updated_ms
        """
    static let annotationColumns = """
        id, article, start, "end", quote, prefix, suffix, revision_replica, revision_counter, note, existence,
        conflicts, created_ms, updated_ms
        """

    /// The article in `row`, with its tags read from `db`.
    static func article(_ row: Row, in db: Database) throws -> ArticleSnapshot {
        let id = try entityID(row["id"])
        return ArticleSnapshot(
            id: id, title: row["title"], body: row["body"],
            bodyRevision: try dot(row["body_replica"], row["body_counter"]), source: row["source"],
            tags: try tags(of: id, in: db),
            existence: try existence(row["existence"]), conflictedFields: try conflicts(row["conflicts"]),
            created: row["created_ms"], updated: row["updated_ms"])
    }

    /// The annotation in `row`, with its tags read from `db`.
    static func annotation(_ row: Row, in db: Database) throws -> AnnotationSnapshot {
        let id = try entityID(row["id"])
        var anchor: Anchor?
        if let start: Int = row["start"], let end: Int = row["end"] {
            anchor = Anchor(
                start: start, end: end, quote: row["quote"] ?? "", prefix: row["prefix"] ?? "",
                suffix: row["suffix"] ?? "", revision: try dot(row["revision_replica"], row["revision_counter"]))
        }
        let article: String? = row["article"]
        return AnnotationSnapshot(
            id: id, article: try article.map(entityID), anchor: anchor, note: row["note"],
            tags: try tags(of: id, in: db), existence: try existence(row["existence"]),
            conflictedFields: try conflicts(row["conflicts"]),
            created: row["created_ms"], updated: row["updated_ms"])
    }

    /// The tags of `entity`, sorted.
    static func tags(of entity: EntityID, in db: Database) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: "SELECT tag FROM tags WHERE entity = ? ORDER BY tag"), arguments: [entity.rawValue])
    }

    static func entityID(_ text: String) throws -> EntityID {
        guard let id = EntityID(text) else { throw CorruptReplicaError("'\(text)' is not an entity id") }
        return id
    }

    private static func dot(_ replica: String?, _ counter: UInt64?) throws -> Dot? {
        guard let replica, let counter else { return nil }
        guard let id = ReplicaID(replica) else { throw CorruptReplicaError("'\(replica)' is not a replica id") }
        return Dot(replica: id, counter: counter)
    }

    static func existence(_ text: String) throws -> Existence {
        guard let existence = Existence(rawValue: text) else { throw CorruptReplicaError("existence '\(text)'") }
        return existence
    }

    static func conflicts(_ text: String) throws -> [FieldName] {
        try text.split(separator: " ").map {
            guard let field = FieldName(String($0)) else { throw CorruptReplicaError("conflicted field '\($0)'") }
            return field
        }
    }
}
