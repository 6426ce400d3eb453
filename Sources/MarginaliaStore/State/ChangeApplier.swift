import Foundation
import GRDB
import MarginaliaCore

/// Applies changes to a replica: appends each to the log, merges it into its
/// entity's registers, refreshes the derived rows, and raises knowledge, all inside
/// the caller's transaction. Local edits and (later) received changes take this one path.
struct ChangeApplier {
    let db: Database
    /// The rows the full-text indexes hold (`EntityStore.searchReach`).
    var searchReach = SearchIndex.Reach.all

    /// Applies `change` and raises knowledge, the Lamport clock and the log digest for
    /// it; `encoded` is its canonical JSON and hash when the caller already has them.
    func apply(_ change: Change, encoded: EncodedChange? = nil) throws {
        var applied = AppliedChanges()
        try apply(change, encoded: encoded ?? EncodedChange(change), into: &applied)
        try applied.record(in: db)
    }

    /// Applies `change`, stored as `encoded`, leaving what it raises in `applied`, for a
    /// caller applying many changes to record once (`AppliedChanges.record`). `created`
    /// is the record of its entity as the change alone creates it, when the caller has it
    /// (`PreparedChange.created`).
    func apply(
        _ change: Change, encoded: EncodedChange, created: EntityRecord? = nil, into applied: inout AppliedChanges
    ) throws {
        try ChangeLog(db: db).append(change, encoded: encoded, into: &applied)
        try merge(change, created: created)
    }

    /// Merges `change`, already in the log, into its entity's derived state; `created` as
    /// for `apply`.
    func merge(_ change: Change, created: EntityRecord? = nil) throws {
        let store = EntityStore(db: db, searchReach: searchReach)
        var state = try store.load(change.entity, kind: change.kind)
        let isNew = state.registers.isEmpty
        if isNew, let created {
            try store.save(created, fields: change.fields.keys, isNew: true)
            return
        }
        state.apply(change)
        try store.save(EntityRecord(state), fields: change.fields.keys, isNew: isNew)
    }
}
