import MarginaliaCore

/// Text with a style per character, for human output: wrapped by display width (so
/// Vietnamese, CJK and emoji line up) and written with colour or without.
///
/// Control characters from stored text are shown as their Unicode control pictures,
/// so an article can never send escape sequences to the terminal.
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

    private(set) var characters: [Character] = []
    private(set) var styles: [Style] = []

    init() {}

    init(_ text: some StringProtocol, _ style: Style = .plain) {
        append(text, style)
    }

    mutating func append(_ text: some StringProtocol, _ style: Style = .plain) {
        for character in text { append(character, style) }
    }

    mutating func append(_ character: Character, _ style: Style = .plain) {
        characters.append(Self.visible(character))
        styles.append(style)
    }

    mutating func append(_ other: StyledText) {
        characters += other.characters
        styles += other.styles
    }

    var isEmpty: Bool { characters.isEmpty }

    /// The columns the text takes.
    var width: Int { characters.reduce(0) { DisplayWidth.advance($0, over: $1) } }

    /// The lines of this text, split at its line breaks and wrapped to `width` columns.
    func wrapped(to width: Int) -> [StyledText] {
        var lines: [StyledText] = []
        var start = 0
        for end in characters.indices where characters[end].isNewline {
            lines += wrapParagraph(start..<end, width: width)
            start = end + 1
        }
        return lines + wrapParagraph(start..<characters.count, width: width)
    }

    private func wrapParagraph(_ range: Range<Int>, width: Int) -> [StyledText] {
        let paragraph = Array(characters[range])
        return LineBreaker.lines(paragraph, width: max(1, width)).map { line in
            var text = StyledText()
            text.characters = Array(paragraph[line])
            text.styles = Array(styles[(range.lowerBound + line.lowerBound)..<(range.lowerBound + line.upperBound)])
            return text
        }
    }

    /// This text followed by spaces up to `width` columns.
    func padded(to width: Int) -> StyledText {
        var text = self
        text.append(String(repeating: " ", count: max(0, width - self.width)))
        return text
    }

    /// The text for output: with SGR escapes at each change of style when `colour`.
    func rendered(colour: Bool) -> String {
        guard colour else { return String(characters) }
        var result = ""
        var current = Style.plain
        for (character, style) in zip(characters, styles) {
            if style != current {
                result += style.escape
                current = style
            }
            result.append(character)
        }
        if current != .plain { result += Style.plain.escape }
        return result
    }

    /// `character`, or its control picture (␛ for ESC; � for C1 controls) when it is a
    /// control other than a line break or tab.
    private static func visible(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first, scalar.properties.generalCategory == .control,
              !character.isNewline, character != "\t"
        else { return character }
        let picture: UInt32 = scalar.value < 0x20 ? 0x2400 + scalar.value : scalar.value == 0x7F ? 0x2421 : 0xFFFD
        return Character(Unicode.Scalar(picture) ?? "\u{FFFD}")
    }
}
