/// One field a change wrote, with the value its author saw there before: what
/// `history --patch` and an edit made while the entity was deleted elsewhere show as a
/// diff, so people see what was changed rather than what was left.
///
/// "Saw" is read from the entity's log: each field's register over the changes the
/// author's context covers. When it held one value, that is the value before; when it
/// held several side by side (the change resolved a conflict), the change is compared
/// with each, as `git log -c` compares a merge with each parent, and each edit names
/// the change of the value it is compared with (`against`).
public struct FieldEdit: Hashable, Sendable {
    public var field: FieldName
    /// The value before, nil when the field had none.
    public var before: FieldValue?
    public var after: FieldValue
    /// The change whose value `before` is, when the author saw several values of the
    /// field side by side; nil when it saw one or none.
    public var against: Dot?

    public init(field: FieldName, before: FieldValue?, after: FieldValue, against: Dot? = nil) {
        self.field = field
        self.before = before
        self.after = after
        self.against = against
    }

    /// What `change` wrote, field by field in canonical order, each against the value
    /// its author saw, or against each of the values it saw side by side, the displayed
    /// one first; `alive` is left out (a deletion or a restore says so itself).
    public static func made(by change: Change, in history: [Change]) -> [FieldEdit] {
        let seen = registers(seenBy: change.context, in: history)
        return change.sortedFields.filter { $0.name != .alive }.flatMap { field, value -> [FieldEdit] in
            let register = seen[field] ?? Register()
            guard register.isConflicted else {
                return [FieldEdit(field: field, before: register.winner?.value, after: value)]
            }
            var compared: [FieldValue] = []
            return register.siblings.sorted { $0.isPreferred(over: $1) }.compactMap { sibling in
                guard !compared.contains(sibling.value) else { return nil }
                compared.append(sibling.value)
                return FieldEdit(field: field, before: sibling.value, after: value, against: sibling.dot)
            }
        }
    }

    /// What the author of `edit` had changed that the author of `deletion` never saw,
    /// against the values the deletion was made to: for an edit concurrent with a
    /// delete, what keeping the entity would keep. Fields the edit's side wrote back to
    /// the value the deletion saw are left out.
    public static func unseen(by deletion: Change, madeBy edit: Change, in history: [Change]) -> [FieldEdit] {
        let before = registers(seenBy: deletion.context, in: history).compactMapValues { $0.winner?.value }
        var afterContext = edit.context
        afterContext.record(edit.dot)
        let after = registers(seenBy: afterContext, in: history).compactMapValues { $0.winner?.value }
        let written = Set(history.lazy
            .filter { afterContext.covers($0.dot) && !deletion.context.covers($0.dot) && $0.dot != deletion.dot }
            .flatMap(\.fields.keys))
        return written.filter { $0 != .alive }.sorted().compactMap { field in
            guard let value = after[field], value != before[field] else { return nil }
            return FieldEdit(field: field, before: before[field], after: value)
        }
    }

    /// Each field's register over the changes of `history` that `context` covers, as
    /// the entity held it then (a log is in causal order, as registers need).
    private static func registers(seenBy context: VersionVector, in history: [Change]) -> [FieldName: Register] {
        var registers: [FieldName: Register] = [:]
        for change in history where context.covers(change.dot) {
            for (field, value) in change.fields {
                registers[field, default: Register()]
                    .apply(Sibling(dot: change.dot, lamport: change.lamport, value: value), context: change.context)
            }
        }
        return registers
    }
}
