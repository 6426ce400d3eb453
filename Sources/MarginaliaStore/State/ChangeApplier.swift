import Foundation
import GRDB
import MarginaliaCore

/// Applies changes to a replica: appends each to the log, merges it into its
/// entity's registers, refreshes the derived rows, and raises knowledge, all inside
/// the caller's transaction. Local edits and (later) received changes take this one path.
struct ChangeApplier {
    let db: Database

    init(db: Database) { self.db = db }

    /// Applies `change`; `payload` is its canonical JSON when the caller already has it.
    /// A caller applying many changes at once may raise knowledge itself, once, instead
    /// (`recordingKnowledge: false`).
    func apply(_ change: Change, payload: String? = nil, recordingKnowledge: Bool = true) throws {
        try ChangeLog(db: db).append(change, payload: payload ?? CanonicalChangeWriter.json(change))
        try merge(change)
        if recordingKnowledge { try ChangeLog(db: db).recordApplied(change) }
    }

    /// Merges `change`, already in the log, into its entity's derived state.
    func merge(_ change: Change) throws {
        let store = EntityStore(db: db)
        var state = try store.load(change.entity, kind: change.kind)
        let isNew = state.registers.isEmpty
        state.apply(change)
        try store.save(state, fields: change.fields.keys, isNew: isNew)
    }
}
