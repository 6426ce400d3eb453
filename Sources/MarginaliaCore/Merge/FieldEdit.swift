/// One field a change wrote, with the value its author saw there before: what
/// `history --patch` and an edit made while the entity was deleted elsewhere show as a
/// diff, so people see what was changed rather than what was left.
///
/// "Saw" is read from the entity's log: for each field, the latest value (by Lamport
/// timestamp, then replica, as a register displays concurrent values) among the changes
/// the author's context covers.
public struct FieldEdit: Hashable, Sendable {
    public var field: FieldName
    /// The value before, nil when the field had none.
    public var before: FieldValue?
    public var after: FieldValue

    public init(field: FieldName, before: FieldValue?, after: FieldValue) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// What `change` wrote, field by field in canonical order, each against the value
    /// its author saw; `alive` is left out (a deletion or a restore says so itself).
    public static func made(by change: Change, in history: [Change]) -> [FieldEdit] {
        let seen = values(seenBy: change.context, in: history)
        return change.sortedFields.filter { $0.name != .alive }.map {
            FieldEdit(field: $0.name, before: seen[$0.name], after: $0.value)
        }
    }

    /// What the author of `edit` had changed that the author of `deletion` never saw,
    /// against the values the deletion was made to: for an edit concurrent with a
    /// delete, what keeping the entity would keep. Fields the edit's side wrote back to
    /// the value the deletion saw are left out.
    public static func unseen(by deletion: Change, madeBy edit: Change, in history: [Change]) -> [FieldEdit] {
        let before = values(seenBy: deletion.context, in: history)
        var afterContext = edit.context
        afterContext.record(edit.dot)
        let after = values(seenBy: afterContext, in: history)
        let written = Set(history.lazy
            .filter { afterContext.covers($0.dot) && !deletion.context.covers($0.dot) && $0.dot != deletion.dot }
            .flatMap(\.fields.keys))
        return written.filter { $0 != .alive }.sorted().compactMap { field in
            guard let value = after[field], value != before[field] else { return nil }
            return FieldEdit(field: field, before: before[field], after: value)
        }
    }

    /// Each field's latest value among the changes of `history` that `context` covers.
    private static func values(seenBy context: VersionVector, in history: [Change]) -> [FieldName: FieldValue] {
        var latest: [FieldName: Change] = [:]
        for change in history where context.covers(change.dot) {
            for field in change.fields.keys {
                if let known = latest[field], (known.lamport, known.dot.replica) > (change.lamport, change.dot.replica) {
                    continue
                }
                latest[field] = change
            }
        }
        return latest.reduce(into: [:]) { values, entry in values[entry.key] = entry.value.fields[entry.key] }
    }
}
