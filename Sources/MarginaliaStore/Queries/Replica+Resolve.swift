import GRDB
import MarginaliaCore

/// An entity found from an id or id prefix.
public struct ResolvedEntity: Hashable, Sendable {
    public var id: EntityID
    public var kind: EntityKind
}

extension Replica {
    /// Finds the one entity whose id starts with `prefix` (at least four characters,
    /// like git), optionally requiring its kind.
    public func resolve(_ prefix: String, as expected: EntityKind? = nil) throws -> ResolvedEntity {
        let typed = prefix
        let prefix = prefix.lowercased()
        guard EntityID.isPossiblePrefix(prefix) else {
            throw ReplicaError.malformedID(
                typed, suggestions: try read { db in try IDSuggestions(db: db).suggestions(for: typed, kind: expected) })
        }
        guard prefix.count >= ReplicaError.minimumPrefixLength else { throw ReplicaError.idTooShort(prefix) }
        let matches = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, 'article' AS kind FROM articles WHERE id >= ?1 AND id < ?1 || '~'
                UNION ALL SELECT id, 'annotation' FROM annotations WHERE id >= ?1 AND id < ?1 || '~'
                ORDER BY id LIMIT 6
                """, arguments: [prefix])
        }
        guard let first = matches.first else {
            throw ReplicaError.unknownID(
                prefix, kind: expected,
                suggestions: try read { db in try IDSuggestions(db: db).suggestions(for: prefix, kind: expected) })
        }
        guard matches.count == 1 else {
            let candidates = matches.prefix(5).map { "\($0["kind"] as String) \($0["id"] as String)" }
            throw ReplicaError.ambiguousID(prefix, candidates: candidates + (matches.count > 5 ? ["..."] : []))
        }
        guard let id = EntityID(first["id"] as String), let kind = EntityKind(rawValue: first["kind"]) else {
            throw CorruptReplicaError("entity id '\(first["id"] as String)'")
        }
        if let expected, expected != kind { throw ReplicaError.wrongKind(id, expected: expected, actual: kind) }
        return ResolvedEntity(id: id, kind: kind)
    }
}
