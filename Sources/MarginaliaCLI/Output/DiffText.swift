import MarginaliaCore

/// Word diffs as people read them: `[-removed-]{+added+}`, or red and green on a
/// colour terminal, with long unchanged stretches cut to the words around each change.
/// Shared by every view of a change (`conflict`, the walk-through, `history --patch`),
/// so one change always looks the same.
struct DiffText {
    /// Whether changes are coloured; without colour they are bracketed, to read in a
    /// pipe or a log.
    let colour: Bool

    /// How many tokens (words and the spaces between) a diff keeps on each side of a change.
    static let contextTokens = 16

    /// `new` as a word diff against `old`, cut around its changes.
    func diff(from old: String, to new: String) -> StyledText {
        styled(DiffExcerpt.cut(WordDiff.segments(from: old, to: new), context: Self.contextTokens))
    }

    /// `title: [-old-]{+new+}`: one field an edit wrote, against its value before. Text
    /// is diffed (no value counts as empty); anything else shows as `before → after`,
    /// a tag as `+#name` or `-#name`.
    func edit(_ edit: FieldEdit) -> StyledText {
        if case .tag(let name) = edit.field {
            return edit.after == .flag(true) ? StyledText("+#\(name)", .inserted) : StyledText("-#\(name)", .deleted)
        }
        // A resolution is compared with each value it replaced, each named.
        var line = StyledText("\(edit.field)" + (edit.against.map { " (against \(HumanFormat.short($0)))" } ?? "") + ": ")
        if edit.field.holdsText {
            line.append(diff(from: edit.before?.text ?? "", to: edit.after.text ?? ""))
        } else {
            line.append(edit.before.map(HumanFormat.value) ?? "(none)", .deleted)
            line.append(" → ")
            line.append(HumanFormat.value(edit.after), .inserted)
        }
        return line
    }

    private func styled(_ segments: [WordDiff.Segment]) -> StyledText {
        var text = StyledText()
        for segment in segments {
            switch segment.operation {
            case .equal: text.append(segment.text)
            case .deleted: text.append(colour ? segment.text : "[-\(segment.text)-]", .deleted)
            case .inserted: text.append(colour ? segment.text : "{+\(segment.text)+}", .inserted)
            }
        }
        return text
    }
}
