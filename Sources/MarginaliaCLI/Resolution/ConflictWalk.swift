import MarginaliaCore
import MarginaliaStore

/// `resolve` without a choice: every open conflict in turn, as Unison does. Each is
/// shown with its numbered values and a question that has no default: a number takes
/// that value, `m` merges (showing what it would write and asking first), `e` edits by
/// hand, `d` shows the diff against the ancestor, `s` skips, `q` stops, `?` explains.
/// Each answer is settled at once, in its own transaction, so stopping half way keeps
/// what was decided.
struct ConflictWalk {
    let replica: Replica
    let console: Console
    let answers: any AnswerReader
    let resolver: ConflictResolver

    /// What the walk did.
    struct Tally {
        var resolved = 0
        var skipped = 0
        var stopped = false
    }

    func run(_ conflicts: [Conflict]) throws -> Tally {
        var tally = Tally()
        let renderer = ConflictRenderer(terminal: console.terminal)
        for (index, listed) in conflicts.enumerated() where !tally.stopped {
            // An earlier answer may have settled this one too (deleting an article deletes its annotations).
            guard let current = try replica.conflict(listed.id) else { continue }
            let detail = try ConflictDetail.load(current, from: replica)
            console.line()
            console.page(renderer.lines(detail, diff: false))
            let prompt = "[\(index + 1)/\(conflicts.count)] \(Self.list(choices(for: detail))): "
            ask: while true {
                guard let answer = try answers.answer(prompt)?.trimmingCharacters(in: .whitespaces).lowercased() else {
                    tally.stopped = true
                    break ask
                }
                let choice: ResolutionChoice
                switch answer {
                case "s": tally.skipped += 1; break ask
                case "q": tally.stopped = true; break ask
                case "?": help(for: detail).forEach { console.line($0) }; continue ask
                case "d": console.page(renderer.lines(detail, diff: true)); continue ask
                case "m" where detail.isText: choice = .merge
                case "e" where detail.isText: choice = .edit
                case "": console.line("there is no default: answer \(Self.list(choices(for: detail)))"); continue ask
                default:
                    guard let number = Int(answer), number >= 1, number <= numberedChoices(detail) else {
                        console.line("'\(answer)' is not an answer here: answer \(Self.list(choices(for: detail)))")
                        continue ask
                    }
                    choice = .take(number)
                }
                do {
                    if choice == .merge {
                        guard try mergeOnceConfirmed(detail, renderer) else { continue ask }
                    } else {
                        console.line(try resolver.settle(detail, by: choice))
                    }
                    tally.resolved += 1
                    break ask
                } catch let error as ResolutionError {
                    if case .unmergedConflicts(_, _, let marked) = error { console.line(marked) }
                    console.line("not settled: \(error)")
                } catch let error as ReplicaError {
                    console.line("not settled: \(error)")
                }
            }
        }
        return tally
    }

    /// `m`: the merge (settled in the editor where it conflicts) shown as a word diff
    /// against the value shown first, then written only if the person says yes. Returns
    /// whether it was written.
    private func mergeOnceConfirmed(_ detail: ConflictDetail, _ renderer: ConflictRenderer) throws -> Bool {
        let (value, how) = try resolver.merged(detail)
        console.page(renderer.preview(value.text ?? "", against: detail.values.first))
        while true {
            switch try answers.answer("write this? y or n: ")?.trimmingCharacters(in: .whitespaces).lowercased() {
            case "y", "yes":
                console.line(try resolver.write(value, how: how, to: detail))
                return true
            case "n", "no", nil:
                console.line("not written")
                return false
            default:
                console.line("answer y to write the merge, n to go back")
            }
        }
    }

    /// `1, 2, m, d, s, q or ?`.
    private static func list(_ choices: [String]) -> String {
        choices.dropLast().joined(separator: ", ") + " or " + (choices.last ?? "")
    }

    private func numberedChoices(_ detail: ConflictDetail) -> Int {
        detail.values.isEmpty ? 2 : detail.values.count
    }

    private func choices(for detail: ConflictDetail) -> [String] {
        let count = numberedChoices(detail)
        let numbers = count == 2 ? ["1", "2"] : ["1-\(count)"]
        return numbers + (detail.isText ? ["m", "e"] : []) + ["d", "s", "q", "?"]
    }

    private func help(for detail: ConflictDetail) -> [String] {
        var lines: [String] = []
        switch detail.conflict.kind {
        case .field: lines.append("  N  take value N as it is")
        case .editedWhileDeleted: lines.append("  N  1 or 2 as listed: keep it, or delete it")
        case .annotationOnDeletedArticle: lines.append("  1  keep it, bringing its article back; 2  delete it")
        }
        if detail.isText {
            lines.append("  m  merge the values word by word against their ancestor; shows the result, asks before writing")
            lines.append("  e  edit by hand in $VISUAL or $EDITOR, starting from the merge")
        }
        lines += ["  d  show each value as a diff against the ancestor", "  s  skip: leave it for later",
                  "  q  stop here; what was settled stays settled", "  ?  this help"]
        return lines
    }
}
