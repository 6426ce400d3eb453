/// All registers of one entity: the merged result of every change applied to it.
///
/// This is the pure heart of merging: `apply` is deterministic, and applying the
/// same set of changes in any causal order gives an equal state.
public struct EntityState: Hashable, Sendable {
    public let id: EntityID
    public let kind: EntityKind
    public private(set) var registers: [FieldName: Register]
    /// The earliest and latest wall-clock time among the applied changes (display only;
    /// min and max, so they too are independent of order).
    public private(set) var firstTime: Int64
    public private(set) var lastTime: Int64

    public init(id: EntityID, kind: EntityKind) {
        self.init(id: id, kind: kind, registers: [:], firstTime: .max, lastTime: .min)
    }

    /// Restores a state from storage.
    public init(id: EntityID, kind: EntityKind, registers: [FieldName: Register], firstTime: Int64, lastTime: Int64) {
        self.id = id
        self.kind = kind
        self.registers = registers
        self.firstTime = firstTime
        self.lastTime = lastTime
    }

    /// Applies `change`, which must be to this entity and of its kind.
    public mutating func apply(_ change: Change) {
        precondition(change.entity == id && change.kind == kind, "change \(change.dot) is not for \(kind) \(id)")
        for (field, value) in change.fields {
            registers[field, default: Register()]
                .apply(Sibling(dot: change.dot, lamport: change.lamport, value: value), context: change.context)
        }
        firstTime = min(firstTime, change.time)
        lastTime = max(lastTime, change.time)
    }

    /// The register of `field` (empty when never written).
    public func register(_ field: FieldName) -> Register {
        registers[field] ?? Register()
    }

    /// The displayed value of `field`: the winner among its siblings.
    public func value(_ field: FieldName) -> FieldValue? {
        registers[field]?.winner?.value
    }

    public var existence: Existence { Existence(register(.alive)) }

    /// The tags present: those with any sibling saying present (add wins).
    public var tags: [String] {
        registers.compactMap { field, register in
            if case .tag(let name) = field, register.anyTrue { return name }
            return nil
        }.sorted()
    }

    /// The user-visible fields with competing values, sorted by name.
    public var conflictedFields: [FieldName] {
        registers.filter { $0.key.isUserField && $0.value.isConflicted }.keys.sorted()
    }

    /// The conflicts its own registers hold, sorted: its existence (`alive`) when
    /// contested, and each conflicted user field. They are open while the entity is not
    /// deleted (`Conflict` lists the one kind that needs another entity).
    public var conflicts: [Conflict.ID] {
        (existence == .contested ? [Conflict.ID(entity: id, field: .alive)] : [])
            + conflictedFields.map { Conflict.ID(entity: id, field: $0) }
    }
}
