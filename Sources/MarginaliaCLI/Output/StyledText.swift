import MarginaliaCore

/// Text with styles, for human output: wrapped by display width (so Vietnamese, CJK
/// and emoji line up) and written with colour or without.
///
/// Held as runs of one style each: appending a note or a line is one copy, and only
/// a line that may not fit is cut into characters for the line breaker, which keeps
/// `show` of 500 annotations quick. Control characters from stored text are shown as
/// their Unicode control pictures, so an article can never send escape sequences to
/// the terminal.
struct StyledText {
    enum Style: Equatable {
        case plain, heading, muted, warning
        /// An annotated span in an article.
        case highlight
        /// An annotation's number.
        case marker
        /// Words only the ancestor had, or only the new text has.
        case deleted, inserted

        /// The SGR escape switching to this style from any other.
        var escape: String {
            switch self {
            case .plain: "\u{1B}[0m"
            case .heading: "\u{1B}[0;1m"
            case .muted: "\u{1B}[0;2m"
            case .warning: "\u{1B}[0;1;33m"
            case .highlight: "\u{1B}[0;4m"
            case .marker: "\u{1B}[0;1;36m"
            case .deleted: "\u{1B}[0;31m"
            case .inserted: "\u{1B}[0;32m"
            }
        }
    }

    private struct Run {
        var text: String
        var style: Style
    }

    private var runs: [Run] = []
    /// UTF-8 bytes in all runs: no character is wider than its bytes, tabs aside.
    private var byteCount = 0
    /// Whether a line break or tab may have been appended: then wrapping splits at them.
    private var hasBreakOrTab = false

    init() {}

    init(_ text: some StringProtocol, _ style: Style = .plain) {
        append(text, style)
    }

    mutating func append(_ text: some StringProtocol, _ style: Style = .plain) {
        guard !text.utf8.isEmpty else { return }
        let scan = ByteScan(text.utf8)
        let safe = scan.hasControl ? String(text.map(Self.visible)) : String(text)
        add(safe, style, mayBreak: scan.hasBreakOrTab)
    }

    mutating func append(_ character: Character, _ style: Style = .plain) {
        let visible = Self.visible(character)
        if let last = runs.indices.last, runs[last].style == style {
            runs[last].text.append(visible)
        } else {
            runs.append(Run(text: String(visible), style: style))
        }
        byteCount += visible.utf8.count
        if let lead = visible.utf8.first, lead < 0x20 || lead == 0xC2 || lead == 0xE2, Self.isBreakOrTab(visible) {
            hasBreakOrTab = true
        }
    }

    mutating func append(_ other: StyledText) {
        for run in other.runs { add(run.text, run.style, mayBreak: other.hasBreakOrTab) }
    }

    /// Adds text already made safe; `mayBreak` is false only when it holds no line break or tab.
    private mutating func add(_ text: String, _ style: Style, mayBreak: Bool) {
        if let last = runs.indices.last, runs[last].style == style {
            runs[last].text += text
        } else {
            runs.append(Run(text: text, style: style))
        }
        byteCount += text.utf8.count
        hasBreakOrTab = hasBreakOrTab || mayBreak
    }

    /// The columns the text takes.
    var width: Int {
        runs.reduce(0) { column, run in run.text.reduce(column) { DisplayWidth.advance($0, over: $1) } }
    }

    /// The lines of this text, split at its line breaks and wrapped to `width` columns.
    func wrapped(to width: Int) -> [StyledText] {
        if !hasBreakOrTab, byteCount <= width { return [self] }
        let text = runs.count == 1 ? runs[0].text : runs.map(\.text).joined()
        let paragraphs = hasBreakOrTab
            ? text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) : [text[...]]
        var lines: [StyledText] = []
        for paragraph in paragraphs {
            let ranges = LineBreaker.lines(of: paragraph, width: max(1, width))
            // A paragraph that fits whole needs no slicing.
            if !hasBreakOrTab, ranges == [paragraph.startIndex..<paragraph.endIndex] { return [self] }
            for line in ranges { lines.append(slice(of: text, line)) }
        }
        return lines
    }

    /// The lines of this text wrapped to `width` columns less `indent`, each indented.
    func wrapped(to width: Int, indentedBy indent: String) -> [StyledText] {
        wrapped(to: width, indentedBy: indent, then: indent)
    }

    /// The lines of this text wrapped to `width` columns, the first indented by `first`
    /// and the others by `rest`: a hanging indent, so an item of a list reads as one.
    func wrapped(to width: Int, indentedBy first: String, then rest: String) -> [StyledText] {
        wrapped(to: width - max(first.count, rest.count)).enumerated().map { index, line in
            var indented = StyledText(index == 0 ? first : rest)
            indented.append(line)
            return indented
        }
    }

    /// The part of this text in `range` of `text`, its runs joined, with their styles.
    private func slice(of text: String, _ range: Range<String.Index>) -> StyledText {
        let utf8 = text.utf8
        let lower = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
        let upper = utf8.distance(from: utf8.startIndex, to: range.upperBound)
        var result = StyledText()
        var runStart = 0
        for run in runs {
            let runEnd = runStart + run.text.utf8.count
            let from = max(lower, runStart)
            let to = min(upper, runEnd)
            if from < to {
                let part = text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)]
                result.add(String(part), run.style, mayBreak: hasBreakOrTab)
            }
            runStart = runEnd
        }
        return result
    }

    /// This text followed by spaces up to `width` columns.
    func padded(to width: Int) -> StyledText {
        var text = self
        text.append(String(repeating: " ", count: max(0, width - self.width)))
        return text
    }

    /// The text for output: with SGR escapes at each change of style when `colour`.
    func rendered(colour: Bool) -> String {
        guard colour else { return runs.map(\.text).joined() }
        var result = ""
        for run in runs {
            result += run.style.escape + run.text
        }
        if let last = runs.last, last.style != .plain { result += Style.plain.escape }
        return result
    }

    private static func isBreakOrTab(_ character: Character) -> Bool {
        character.isNewline || character.utf8.first == 0x09
    }

    /// `character`, or its control picture (␛ for ESC; � for C1 controls) when it is a
    /// control other than a line break or tab.
    private static func visible(_ character: Character) -> Character {
        // Only these lead bytes can start a control: look no further for any other.
        guard let lead = character.utf8.first, lead < 0x20 || lead == 0x7F || lead == 0xC2,
              let scalar = character.unicodeScalars.first, scalar.properties.generalCategory == .control,
              !isBreakOrTab(character)
        else { return character }
        let picture: UInt32 = scalar.value < 0x20 ? 0x2400 + scalar.value : scalar.value == 0x7F ? 0x2421 : 0xFFFD
        return Character(Unicode.Scalar(picture) ?? "\u{FFFD}")
    }
}
