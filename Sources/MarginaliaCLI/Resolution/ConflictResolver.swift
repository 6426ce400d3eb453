import MarginaliaCore
import MarginaliaStore

/// Carries out a person's choice about one conflict: asks the editor where the choice
/// needs one, hands the `Resolution` to `LocalEditor.resolve`, which decides what it
/// means and writes it, and words what was written.
struct ConflictResolver {
    let replica: Replica
    /// Where conflicts a merge leaves are settled by hand; without one they are reported.
    let editor: ExternalEditor?

    /// Settles `detail` by `choice` and returns a line saying what was written.
    func settle(_ detail: ConflictDetail, by choice: ResolutionChoice) throws -> String {
        switch choice {
        case .take(let number): return try write(.take(number), to: detail, how: nil)
        case .ours: return try write(.ours, to: detail, how: "took this replica's value")
        case .theirs: return try write(.theirs, to: detail, how: nil)
        case .keep: return try write(.keep, to: detail, how: nil)
        case .delete: return try write(.delete, to: detail, how: nil)
        case .value(let text): return try write(.text(text), to: detail, how: "wrote the value given")
        case .merge:
            let (value, how) = try merged(detail)
            return try write(value, how: how, to: detail)
        case .edit:
            let edited = try editByHand(try replica.merge(detail.conflict), subject: detail.subject)
            return try write(.text(edited), to: detail, how: "edited by hand")
        }
    }

    /// What `--merge` writes for `detail`, with a word for how it was reached, once the
    /// editor (if any) has settled what the merge could not; nothing is written yet, so
    /// the walk-through can show it first.
    func merged(_ detail: ConflictDetail) throws -> (FieldValue, String) {
        switch try replica.merge(detail.conflict) {
        case .clean(let text):
            return (.text(text), "merged cleanly")
        case .conflicted(_, let marked, let count) where editor == nil:
            throw ResolutionError.unmergedConflicts(count: count, subject: detail.subject, markedText: marked)
        case let merge:
            return (.text(try editByHand(merge, subject: detail.subject)), "merged, conflicts settled by hand")
        }
    }

    /// Writes `value` (a text) as the conflicted field's value and returns a line saying so.
    func write(_ value: FieldValue, how: String, to detail: ConflictDetail) throws -> String {
        try write(.text(value.text ?? ""), to: detail, how: how)
    }

    /// Settles `detail` by `resolution`; `how` words a written value (nil: the value taken says).
    private func write(_ resolution: Resolution, to detail: ConflictDetail, how: String?) throws -> String {
        let settlement = try replica.edit { try $0.resolve(detail.conflict.id, by: resolution) }
        switch settlement {
        case .kept: return "kept \(detail.subject)"
        case .deleted: return "deleted \(detail.subject)"
        case .wrote: return "resolved \(detail.subject): \(how ?? "wrote a new value")"
        case .took(let value):
            if case .take(let number) = resolution {
                return "resolved \(detail.subject): took value \(number), by \(value.author)"
            }
            return "resolved \(detail.subject): \(how ?? "took the value by \(value.author)")"
        }
    }

    /// The text of `merge` after the user edited it: each conflict replaced by the
    /// version kept, without the line breaks around its markers (`TextMerge.settled`);
    /// refused while a conflict still holds more than one version. The line break
    /// editors add at the end of a file is dropped when the text had none.
    private func editByHand(_ merge: ConflictMerge, subject: String) throws -> String {
        guard let editor else { throw ResolutionError.noEditor }
        let (text, settling) = switch merge {
        case .clean(let text): (text, TextMerge(chunks: [.merged(text)]))
        case .conflicted(let merge, let marked, _): (marked, merge)
        }
        var edited = try editor.edit(text)
        if !text.hasSuffix("\n"), edited.hasSuffix("\n") { edited.removeLast() }
        guard let settled = settling.settled(edited) else { throw ResolutionError.markersRemain(subject: subject) }
        return settled
    }
}
