import MarginaliaCore
import MarginaliaStore

/// The human form of one conflict, for `conflict ID` and the walk-through: the
/// ancestor, then the competing values side by side (stacked when the terminal is too
/// narrow), each numbered with who wrote it, when and its dot, and, when asked, as a
/// word-level diff against the ancestor: `[-removed-]{+added+}`, or red and green, with
/// long unchanged stretches cut to the words around each change (a body is long).
struct ConflictRenderer {
    let terminal: Terminal

    /// The narrowest a column may be before values are stacked instead.
    private static let minimumColumn = 28
    private static let gutter = " │ "
    private static let indent = "  "
    /// How many words (with the spaces between) a diff keeps on each side of a change.
    private static let contextTokens = 16
    /// How much of a long ancestor a diff view shows: the diffs hold the rest.
    private static let ancestorPreview = 160

    /// `article 3f9a1b2c “Title”: body has 2 values`, the first line of every conflict.
    static func headline(_ conflict: Conflict) -> String {
        let head = "\(conflict.entityKind) \(HumanFormat.short(conflict.entity)) "
            + HumanFormat.quoted(conflict.label, limit: 40)
        switch conflict.kind {
        case .field(let field, let values): return "\(head): \(field) has \(values.count) values"
        case .editedWhileDeleted: return "\(head): edited on one replica while deleted on another"
        case .annotationOnDeletedArticle(let article):
            return "\(head): annotates article \(HumanFormat.short(article)), deleted meanwhile"
        }
    }

    /// `yank · 2026-11-29 14:27 · 8x2k…:4`: who wrote a value, when, and its dot.
    static func author(_ value: CompetingValue) -> String {
        "\(value.replicaName ?? value.dot.replica.rawValue) · \(HumanFormat.time(value.time)) · \(value.dot)"
    }

    func lines(_ detail: ConflictDetail, diff: Bool) -> [StyledText] {
        let width = terminal.columns
        var lines = StyledText(Self.headline(detail.conflict), .heading).wrapped(to: width)
        switch detail.conflict.kind {
        case .field(let field, let values):
            if let ancestor = detail.ancestor {
                var shown = text(ancestor.value, of: field)
                if diff, let whole = ancestor.value.text, whole.count > Self.ancestorPreview {
                    shown = StyledText(whole.prefix(Self.ancestorPreview).split(separator: " ").dropLast().joined(separator: " ") + " …")
                }
                lines += stacked([(StyledText("ancestor · " + Self.author(ancestor), .muted), shown)])
            } else {
                lines += indented(StyledText("no common ancestor: the field had no value before these", .muted))
            }
            let ancestorText = detail.ancestor.map { text(of: $0.value) }
            let columns = values.enumerated().map { index, value in
                let body = diff && detail.isText
                    ? self.diff(from: ancestorText ?? "", to: text(of: value.value)) : text(value.value, of: field)
                return (StyledText("\(index + 1)) " + Self.author(value), .marker), body)
            }
            lines += sideBySide(columns) ?? stacked(columns)
        case .editedWhileDeleted(let values):
            for (index, value) in values.enumerated() {
                let what = value.value == .flag(true) ? "kept" : "deleted"
                lines += indented(StyledText("\(index + 1)) \(what) · " + Self.author(value), .marker))
            }
        case .annotationOnDeletedArticle(let article):
            lines += indented(StyledText("1) keep it, bringing article \(HumanFormat.short(article)) back", .marker))
            lines += indented(StyledText("2) delete the annotation", .marker))
        }
        return lines
    }

    /// What the walk-through's `m` is about to write, as a word diff against `current`
    /// (the value listed first, which `show` displays), so nothing is written unseen.
    func preview(_ text: String, against current: CompetingValue?) -> [StyledText] {
        let was = current.map { "value 1, by \($0.replicaName ?? $0.dot.replica.rawValue)" } ?? "no value"
        let old = current?.value.text ?? ""
        var lines = indented(StyledText("the merge, as a word diff against \(was):", .marker))
        lines += indented(old == text ? StyledText("(no change)", .muted) : diff(from: old, to: text), by: Self.indent + "   ")
        return lines
    }

    /// A value as people read it whole: text as it is, anything else described.
    private func text(_ value: FieldValue, of field: FieldName) -> StyledText {
        switch value {
        case .text(let text): StyledText(text)
        case .none: StyledText("(no \(field))", .muted)
        default: StyledText(HumanFormat.value(value))
        }
    }

    private func text(of value: FieldValue) -> String { value.text ?? "" }

    /// `new` as a word diff against `old`. Without colour the changes are bracketed so
    /// they read in a pipe or a log.
    private func diff(from old: String, to new: String) -> StyledText {
        var text = StyledText()
        let segments = WordDiff.segments(from: old, to: new)
        for (index, segment) in segments.enumerated() {
            switch segment.operation {
            case .equal:
                text.append(Self.context(segment.text, keepsStart: index > 0, keepsEnd: index < segments.count - 1))
            case .deleted: text.append(terminal.colour ? segment.text : "[-\(segment.text)-]", .deleted)
            case .inserted: text.append(terminal.colour ? segment.text : "{+\(segment.text)+}", .inserted)
            }
        }
        return text
    }

    /// An unchanged stretch cut to the words next to the changes around it: its start
    /// when a change comes before, its end when one follows, `…` for the rest.
    private static func context(_ text: String, keepsStart: Bool, keepsEnd: Bool) -> String {
        let tokens = WordTokens.of(text)
        let kept = (keepsStart ? contextTokens : 0) + (keepsEnd ? contextTokens : 0)
        guard tokens.count > kept + 1 else { return text }
        let start = keepsStart ? tokens.prefix(contextTokens).joined() : ""
        let end = keepsEnd ? tokens.suffix(contextTokens).joined() : ""
        return start + "…" + end
    }

    /// Columns of (header, body) next to each other, or nil when they would be too narrow.
    private func sideBySide(_ columns: [(header: StyledText, body: StyledText)]) -> [StyledText]? {
        let count = columns.count
        let available = terminal.columns - Self.indent.count - Self.gutter.count * (count - 1)
        let width = available / max(1, count)
        guard count > 1, width >= Self.minimumColumn else { return nil }
        let headers = columns.map { $0.header.wrapped(to: width) }
        let bodies = columns.map { $0.body.wrapped(to: width) }
        let headerHeight = headers.map(\.count).max() ?? 0
        let cells = zip(headers, bodies).map { header, body in
            header + Array(repeating: StyledText(), count: headerHeight - header.count) + body
        }
        let height = cells.map(\.count).max() ?? 0
        return (0..<height).map { row in
            var line = StyledText(Self.indent)
            for (index, cell) in cells.enumerated() {
                if index > 0 { line.append(Self.gutter, .muted) }
                let piece = row < cell.count ? cell[row] : StyledText()
                line.append(index == count - 1 ? piece : piece.padded(to: width))
            }
            return line
        }
    }

    /// Each (header, body) under the one before, the body indented under its header.
    private func stacked(_ entries: [(header: StyledText, body: StyledText)]) -> [StyledText] {
        entries.flatMap { header, body in
            indented(header) + indented(body, by: Self.indent + "   ")
        }
    }

    /// `text` wrapped to the terminal less `indent`, each line indented.
    func indented(_ text: StyledText, by indent: String = Self.indent) -> [StyledText] {
        text.wrapped(to: terminal.columns - indent.count).map { line in
            var indentedLine = StyledText(indent)
            indentedLine.append(line)
            return indentedLine
        }
    }
}
