import MarginaliaCore
import PostgresNIO

/// The receiver's last check (Protocol/README.md §11, check 6): a change may not treat an
/// entity as the other kind than the one it was made as. The hub keeps each entity's
/// kind for this alone.
///
/// Kinds are read before a batch's changes are checked, so that a mismatch is reported at
/// its change, in stream order; the batch's new entities are inserted (`ON CONFLICT DO
/// NOTHING`, which waits for a concurrent batch inserting the same entity) and read back
/// after, which catches an entity a concurrent batch made as the other kind meanwhile.
struct EntityKinds {
    private var kinds: [EntityID: EntityKind] = [:]
    private var new: [EntityID: EntityKind] = [:]
    private var firstUse: [EntityID: Int] = [:]

    /// The kinds the log already records for the entities `changes` name.
    static func load(for changes: [PreparedChange], on connection: PostgresConnection) async throws -> EntityKinds {
        var loaded = EntityKinds()
        loaded.kinds = try await read(Set(changes.map(\.change.entity)).map(\.rawValue), on: connection)
        return loaded
    }

    /// Checks the change at `index` of the batch, and records its entity's kind.
    mutating func check(_ change: Change, at index: Int) throws(ChangeRejection) {
        if let known = kinds[change.entity] {
            guard known == change.kind else { throw Self.mismatch(change, actual: known) }
            return
        }
        kinds[change.entity] = change.kind
        new[change.entity] = change.kind
        firstUse[change.entity] = index
    }

    /// Inserts the entities this batch made, and refuses the batch (at the first change
    /// naming it) if a concurrent batch made one of them as the other kind.
    func store(_ changes: [PreparedChange], on connection: PostgresConnection) async throws {
        guard !new.isEmpty else { return }
        let entities = new.keys.sorted()
        try await connection.query("""
            INSERT INTO entities (entity, kind)
            SELECT * FROM unnest(\(entities.map(\.rawValue))::text[], \(entities.map { new[$0]!.rawValue })::text[])
            ORDER BY 1 ON CONFLICT DO NOTHING
            """, logger: HubDatabase.log)
        let stored = try await Self.read(entities.map(\.rawValue), on: connection)
        if let (entity, actual) = stored.filter({ new[$0.key] != $0.value }).min(by: { firstUse[$0.key]! < firstUse[$1.key]! }) {
            let index = firstUse[entity]!
            throw IntegrationError(index: index, rejection: Self.mismatch(changes[index].change, actual: actual))
        }
    }

    private static func read(_ entities: [String], on connection: PostgresConnection) async throws -> [EntityID: EntityKind] {
        var kinds: [EntityID: EntityKind] = [:]
        let rows = try await connection.query(
            "SELECT entity, kind FROM entities WHERE entity = ANY(\(entities))", logger: HubDatabase.log)
        for try await (entity, kind) in rows.decode((String, String).self) {
            guard let id = EntityID(entity), let kind = EntityKind(rawValue: kind) else {
                throw HubError.corrupt("entity row '\(entity)' is unreadable")
            }
            kinds[id] = kind
        }
        return kinds
    }

    private static func mismatch(_ change: Change, actual: EntityKind) -> ChangeRejection {
        ChangeRejection(.malformedChange, "change \(change.dot) treats \(actual) \(change.entity) as an \(change.kind)")
    }
}
