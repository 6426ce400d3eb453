import GRDB
import MarginaliaCore

extension Replica {
    /// Every open conflict with its competing values, sorted by entity then field (an
    /// entity's existence first); only those of `entity` when given.
    public func conflicts(of entity: EntityID? = nil) throws -> [Conflict] {
        try read { db in try Self.openConflicts(of: entity, in: db) }
    }

    /// `conflicts(of:)` inside a transaction.
    static func openConflicts(of entity: EntityID?, in db: Database) throws -> [Conflict] {
        let names = try ReplicaNames(db: db).all()
        return try ConflictQueries(db: db).ids(of: entity).map { try conflict($0, in: db, names: names) }
    }

    /// The open conflict `id` as it stands now, or nil when it is no longer open.
    public func conflict(_ id: Conflict.ID) throws -> Conflict? {
        try conflicts(of: id.entity).first { $0.id == id }
    }

    /// The open conflicts, without their values: what a sync compares before and after.
    public func openConflictIDs() throws -> Set<Conflict.ID> {
        try read { db in Set(try ConflictQueries(db: db).ids()) }
    }

    /// How many conflicts are open (as `status` counts them).
    public func openConflictCount() throws -> Int {
        try read { db in try ConflictQueries(db: db).count() }
    }

    /// The open conflict `id` read from its entity's registers.
    private static func conflict(_ id: Conflict.ID, in db: Database, names: [ReplicaID: String]) throws -> Conflict {
        let store = EntityStore(db: db)
        guard let kind = try store.kind(of: id.entity) else { throw CorruptReplicaError("conflict of unknown \(id.entity)") }
        let state = try store.load(id.entity, kind: kind)
        let label = switch kind {
        case .article: ArticleSnapshot(state).title
        case .annotation: AnnotationSnapshot(state).anchor?.quote ?? ""
        }
        let values = try competing(state.register(id.field), of: id, in: db, names: names)
        let conflictKind: Conflict.Kind
        if id.field != .alive {
            conflictKind = .field(id.field, values)
        } else if state.existence == .contested {
            conflictKind = .editedWhileDeleted(values)
        } else if let article = state.value(.article)?.reference {
            conflictKind = .annotationOnDeletedArticle(article: article)
        } else {
            throw CorruptReplicaError("\(kind) \(id.entity) is listed as in conflict over its existence but is not")
        }
        return Conflict(id: id, entityKind: kind, label: label, kind: conflictKind)
    }

    /// The siblings of one register with their authors and times, in `Conflict.valueOrder`.
    private static func competing(
        _ register: Register, of id: Conflict.ID, in db: Database, names: [ReplicaID: String]
    ) throws -> [CompetingValue] {
        let time = try db.cachedStatement(sql: "SELECT time_ms FROM changes WHERE replica = ? AND counter = ?")
        return try register.siblings.map { sibling in
            guard let written = try Int64.fetchOne(time, arguments: [sibling.dot.replica.rawValue, sibling.dot.counter])
            else { throw CorruptReplicaError("sibling \(sibling.dot) of \(id) is not in the log") }
            return CompetingValue(
                dot: sibling.dot, lamport: sibling.lamport, replicaName: names[sibling.dot.replica], time: written,
                value: sibling.value)
        }.sorted(by: Conflict.valueOrder)
    }
}
