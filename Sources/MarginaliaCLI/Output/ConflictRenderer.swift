import MarginaliaCore
import MarginaliaStore

/// The human form of one conflict, for `conflict ID` and the walk-through: the
/// ancestor, then the competing values side by side (stacked when the terminal is too
/// narrow), each numbered with who wrote it, when and its dot, and, when asked, as a
/// word-level diff against the ancestor (`DiffText`), the ancestor then cut to the same
/// stretches around the changes. An edit made while the entity was deleted elsewhere
/// names the fields it changed, and when asked shows them as diffs against what the
/// deletion saw.
struct ConflictRenderer {
    let terminal: Terminal

    /// The narrowest a column may be before values are stacked instead.
    private static let minimumColumn = 28
    private static let gutter = " │ "
    private static let indent = "  "

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

    /// A competing value on one line of `conflicts`: text as the words that tell it
    /// apart from the other value (the first other one), with a few around them
    /// (`“… sáng đạt 137,2 mm, mức …”`), since competing values mostly share their start;
    /// anything else as it is.
    static func summary(_ value: CompetingValue, among values: [CompetingValue]) -> String {
        guard let text = value.value.text, let other = values.first(where: { $0.dot != value.dot })?.value.text,
              other != text
        else { return HumanFormat.value(value.value) }
        return HumanFormat.quoted(DiffExcerpt.differences(of: text, from: other, context: 6), limit: 72)
    }

    func lines(_ detail: ConflictDetail, diff: Bool) -> [StyledText] {
        let width = terminal.columns
        var lines = StyledText(Self.headline(detail.conflict), .heading).wrapped(to: width)
        switch detail.conflict.kind {
        case .field(let field, let values):
            if let ancestor = detail.ancestor {
                var shown = text(ancestor.value, of: field)
                if diff, detail.isText, let whole = ancestor.value.text {
                    let values = values.map { text(of: $0.value) }
                    shown = StyledText(DiffExcerpt.ancestor(whole, changedIn: values, context: DiffText.contextTokens))
                }
                lines += stacked([(StyledText("ancestor · " + Self.author(ancestor), .muted), shown)])
            } else {
                lines += indented(StyledText("no common ancestor: the field had no value before these", .muted))
            }
            let ancestorText = detail.ancestor.map { text(of: $0.value) }
            let columns = values.enumerated().map { index, value in
                let body = diff && detail.isText
                    ? differ.diff(from: ancestorText ?? "", to: text(of: value.value)) : text(value.value, of: field)
                return (StyledText("\(index + 1)) " + Self.author(value), .marker), body)
            }
            lines += sideBySide(columns) ?? stacked(columns)
        case .editedWhileDeleted(let values):
            for (index, value) in values.enumerated() {
                let what = value.value == .flag(true) ? "kept" : "deleted"
                lines += indented(StyledText("\(index + 1)) \(what) · " + Self.author(value), .marker))
                guard let edits = detail.edits[value.dot] else { continue }
                if edits.isEmpty {
                    lines += indented(StyledText("restored, nothing edited", .muted), by: Self.indent + "   ")
                } else if diff {
                    for edit in edits { lines += indented(differ.edit(edit), by: Self.indent + "   ") }
                } else {
                    let fields = edits.map(\.field.rawValue).joined(separator: ", ")
                    lines += indented(StyledText("edited \(fields)", .muted), by: Self.indent + "   ")
                }
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
        lines += indented(old == text ? StyledText("(no change)", .muted) : differ.diff(from: old, to: text), by: Self.indent + "   ")
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

    private var differ: DiffText { DiffText(colour: terminal.colour) }

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
        text.wrapped(to: terminal.columns, indentedBy: indent)
    }
}
