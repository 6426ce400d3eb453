import MarginaliaCore
import MarginaliaStore

/// Settles one conflict as chosen. Every resolution goes through `LocalEditor` as an
/// ordinary change whose causal context covers all the competing values, so it syncs
/// like any edit and supersedes them on every replica without making a new conflict.
struct ConflictResolver {
    let replica: Replica
    /// Where conflicts a merge leaves are settled by hand; without one they are reported.
    let editor: ExternalEditor?

    /// The merge of a conflict's competing texts: clean, or marked for editing (with the
    /// merge that marked it, which reads the edited text back).
    enum Merge {
        case clean(String)
        case conflicted(TextMerge, markedText: String, count: Int)
    }

    /// Settles `detail` by `choice` and returns a line saying what was written.
    func settle(_ detail: ConflictDetail, by choice: ResolutionChoice) throws -> String {
        let conflict = detail.conflict
        switch conflict.kind {
        case .field(_, let values):
            let (value, how) = try self.value(for: choice, of: detail, values: values)
            return try write(value, how: how, to: detail)
        case .editedWhileDeleted(let values):
            switch choice {
            case .keep: return try settleExistence(of: detail, keep: true)
            case .delete: return try settleExistence(of: detail, keep: false)
            case .take(let number):
                guard values.indices.contains(number - 1) else {
                    throw ResolutionError.noSuchValue(number, count: values.count, subject: detail.subject)
                }
                return try settleExistence(of: detail, keep: values[number - 1].value == .flag(true))
            default:
                throw ResolutionError.unsuitableChoice(
                    "\(detail.subject) was edited on one replica while deleted on another: choose --keep or --delete")
            }
        case .annotationOnDeletedArticle:
            switch choice {
            case .keep, .take(1): return try settleExistence(of: detail, keep: true)
            case .delete, .take(2): return try settleExistence(of: detail, keep: false)
            case .take(let number): throw ResolutionError.noSuchValue(number, count: 2, subject: detail.subject)
            default:
                throw ResolutionError.unsuitableChoice(
                    "\(detail.subject) annotates a deleted article: choose --keep (bringing the article back) or --delete")
            }
        }
    }

    /// The competing texts merged word by word against their ancestor (an empty text
    /// when the log has none), this replica's value first. More than two distinct
    /// values are merged in turn.
    func merge(_ detail: ConflictDetail) -> Merge {
        let base = detail.ancestor?.value.text ?? ""
        var texts: [(text: String, author: String)] = []
        for value in detail.values.sorted(by: { ($0.dot.replica == replica.id) && $1.dot.replica != replica.id })
        where !texts.contains(where: { $0.text == value.value.text ?? "" }) {
            texts.append((value.value.text ?? "", value.replicaName ?? value.dot.replica.rawValue))
        }
        var merged = texts.first?.text ?? base
        var last = TextMerge(chunks: [.merged(merged)])
        var conflicts = 0
        for other in texts.dropFirst() {
            last = ThreeWayTextMerge.merge(base: base, ours: merged, theirs: other.text)
            conflicts += last.conflictCount
            merged = last.text ?? last.markedText(ours: texts[0].author, ancestor: "ancestor", theirs: other.author)
        }
        return conflicts == 0 ? .clean(merged) : .conflicted(last, markedText: merged, count: conflicts)
    }

    /// What `--merge` writes for `detail`, with a word for how it was reached, once the
    /// editor (if any) has settled what the merge could not; nothing is written yet, so
    /// the walk-through can show it first.
    func merged(_ detail: ConflictDetail) throws -> (FieldValue, String) {
        guard detail.isText else { throw ResolutionError.notText(subject: detail.subject) }
        switch merge(detail) {
        case .clean(let text):
            return (.text(text), "merged cleanly")
        case .conflicted(let merge, let marked, let count):
            guard editor != nil else {
                throw ResolutionError.unmergedConflicts(count: count, subject: detail.subject, markedText: marked)
            }
            let edited = try editByHand(marked, settling: merge, subject: detail.subject)
            return (.text(edited), "merged, conflicts settled by hand")
        }
    }

    /// Writes `value` as the conflicted field's value and returns a line saying so.
    func write(_ value: FieldValue, how: String, to detail: ConflictDetail) throws -> String {
        let conflict = detail.conflict
        guard let field = detail.field else { throw ResolutionError.notText(subject: detail.subject) }
        try replica.edit { try $0.resolve(field, of: conflict.entity, kind: conflict.entityKind, with: value) }
        return "resolved \(detail.subject): \(how)"
    }

    private func value(for choice: ResolutionChoice, of detail: ConflictDetail, values: [CompetingValue]) throws
        -> (FieldValue, String)
    {
        switch choice {
        case .take(let number):
            guard values.indices.contains(number - 1) else {
                throw ResolutionError.noSuchValue(number, count: values.count, subject: detail.subject)
            }
            let value = values[number - 1]
            return (value.value, "took value \(number), by \(value.replicaName ?? value.dot.replica.rawValue)")
        case .ours:
            guard let ours = values.first(where: { $0.dot.replica == replica.id }) else {
                throw ResolutionError.noLocalValue(subject: detail.subject)
            }
            return (ours.value, "took this replica's value")
        case .theirs:
            let theirs = values.filter { $0.dot.replica != replica.id }
            guard let first = theirs.first, theirs.allSatisfy({ $0.value == first.value }) else {
                throw ResolutionError.ambiguousTheirs(count: theirs.count, subject: detail.subject)
            }
            return (first.value, "took the value by \(first.replicaName ?? first.dot.replica.rawValue)")
        case .value(let text):
            guard detail.isText else { throw ResolutionError.notText(subject: detail.subject) }
            return (.text(text), "wrote the value given")
        case .merge:
            return try merged(detail)
        case .edit:
            guard detail.isText else { throw ResolutionError.notText(subject: detail.subject) }
            let edited = switch merge(detail) {
            case .clean(let text):
                try editByHand(text, settling: TextMerge(chunks: [.merged(text)]), subject: detail.subject)
            case .conflicted(let merge, let marked, _): try editByHand(marked, settling: merge, subject: detail.subject)
            }
            return (.text(edited), "edited by hand")
        case .keep, .delete:
            throw ResolutionError.unsuitableChoice(
                "\(detail.subject) has competing values: --keep and --delete settle an edit made while deleted elsewhere")
        }
    }

    /// `text`, the marked text of `merge`, after the user edited it: each conflict
    /// replaced by the version kept, without the line breaks around its markers
    /// (`TextMerge.settled`); refused while a conflict still holds more than one
    /// version. The line break editors add at the end of a file is dropped when `text`
    /// had none.
    private func editByHand(_ text: String, settling merge: TextMerge, subject: String) throws -> String {
        guard let editor else { throw ResolutionError.noEditor }
        var edited = try editor.edit(text)
        if !text.hasSuffix("\n"), edited.hasSuffix("\n") { edited.removeLast() }
        guard let settled = merge.settled(edited) else { throw ResolutionError.markersRemain(subject: subject) }
        return settled
    }

    private func settleExistence(of detail: ConflictDetail, keep: Bool) throws -> String {
        let conflict = detail.conflict
        try replica.edit { editor in
            if keep {
                try editor.keep(conflict.entity, kind: conflict.entityKind)
            } else {
                try editor.discard(conflict.entity, kind: conflict.entityKind)
            }
        }
        return "\(keep ? "kept" : "deleted") \(detail.subject)"
    }
}
