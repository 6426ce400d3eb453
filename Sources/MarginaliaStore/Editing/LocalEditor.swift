import GRDB
import MarginaliaCore

/// Makes local edits inside one write transaction, each recorded as a change.
///
/// Every change gets the next counter of this replica, a Lamport timestamp one above
/// the highest seen, and this replica's current knowledge as causal context; it is
/// then applied like any change received from a peer.
public struct LocalEditor {
    let db: Database
    let replica: ReplicaID
    let clock: any WallClock
    let ids: any IdentifierSource
    private var knowledge: VersionVector
    private var lamport: UInt64
    private let applier: ChangeApplier

    init(db: Database, replica: ReplicaID, clock: any WallClock, ids: any IdentifierSource) throws {
        self.db = db
        self.replica = replica
        self.clock = clock
        self.ids = ids
        let log = ChangeLog(db: db)
        knowledge = try log.knowledge()
        lamport = try log.lamport()
        // Only within the full-text indexes' reach while a sync has left rows out (`SearchIndex`).
        applier = ChangeApplier(db: db, searchReach: try SearchIndex(db: db).reach())
    }

    /// Records one change writing `fields` of `entity`.
    @discardableResult
    mutating func record(_ entity: EntityID, kind: EntityKind, fields: [FieldName: FieldValue]) throws -> Change {
        let dot = Dot(replica: replica, counter: knowledge[replica] + 1)
        lamport += 1
        let change = Change(
            dot: dot, lamport: lamport, time: clock.now(), entity: entity, kind: kind,
            fields: fields, context: knowledge)
        // Local changes meet exactly the rules peers enforce, or no peer would take them.
        do {
            try ChangeValidator.validate(change)
        } catch {
            throw ReplicaError.unacceptableChange(error.message)
        }
        let encoded = EncodedChange(change)
        guard encoded.payload.utf8.count <= ChangeValidator.maximumEncodedBytes else {
            throw ReplicaError.unacceptableChange(
                "the change takes \(encoded.payload.utf8.count) bytes as JSON, more than a sync line holds "
                    + "(\(ChangeValidator.maximumEncodedBytes))")
        }
        try applier.apply(change, encoded: encoded)
        knowledge.record(dot)
        return change
    }

    /// Loads `entity`, which must be a visible entity of `kind`.
    func visibleState(_ entity: EntityID, kind: EntityKind) throws -> EntityState {
        let store = EntityStore(db: db)
        guard let actual = try store.kind(of: entity) else { throw ReplicaError.unknownID(entity.rawValue) }
        guard actual == kind else { throw ReplicaError.wrongKind(entity, expected: kind, actual: actual) }
        let state = try store.load(entity, kind: kind)
        guard state.existence.isVisible else { throw ReplicaError.deleted(entity, kind: kind) }
        return state
    }

    /// A fresh entity id, unused in this replica.
    func newEntityID() throws -> EntityID {
        while true {
            let candidate = ids.nextEntityID()
            if try EntityStore(db: db).kind(of: candidate) == nil { return candidate }
        }
    }
}
