/// How many terminal columns text takes, counted per grapheme cluster (what a reader
/// sees as one character), so wrapping never splits a character and lines line up.
///
/// A cluster is as wide as what it shows: "ệ" is one column whether it is stored as one
/// scalar (NFC) or as "e" with two combining marks (NFD). East Asian wide and
/// fullwidth characters take two columns, as do emoji shown as pictures (emoji
/// presentation, a variation selector 16, flags and joined sequences, however many
/// scalars they hold). Control characters take none; a tab advances to the next
/// multiple of `tabStop`. Ambiguous-width characters count as narrow, as terminals
/// outside East Asian locales show them.
public enum DisplayWidth {
    /// The distance between tab stops.
    public static let tabStop = 8

    /// The columns `text` takes when it starts at column 0.
    public static func of(_ text: some StringProtocol) -> Int {
        var column = 0
        for character in text { column = advance(column, over: character) }
        return column
    }

    /// The columns of `text` if it holds only plain scalars (printable ASCII, the Latin
    /// letters Vietnamese is written with, and typographic punctuation such as dashes,
    /// quotes and the ellipsis), each one cluster of one column; else nil. It reads
    /// scalars (`UTF8Scalars`), not clusters, so short Vietnamese lines skip grapheme
    /// breaking.
    public static func ofPlainText(_ text: some StringProtocol) -> Int? {
        UTF8Scalars.countIfAll(text, isPlain)
    }

    /// A scalar that is a whole cluster and one column wherever it stands (no scalar
    /// here extends the cluster before it).
    private static func isPlain(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20..<0x7F, 0xAE..<0x300, 0x1E00..<0x1F00, 0x2010..<0x2028: true
        default: false
        }
    }

    /// The column after `character` when it starts at `column` (only a tab depends on where it starts).
    public static func advance(_ column: Int, over character: Character) -> Int {
        // A byte check: `==` on characters compares by canonical equivalence, slowly.
        if character.utf8.first == 0x09 { return (column / tabStop + 1) * tabStop }
        return column + of(character)
    }

    /// The columns one grapheme cluster takes (a tab counts as 0 here; see `advance`).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.index(after: scalars.startIndex) == scalars.endIndex {
            // One scalar: ASCII, and the Latin letters Vietnamese is written with, need no table.
            if isPlain(first.value) { return 1 }
            if first.value < 0x20 { return 0 }
        } else if isPictureSequence(scalars) {
            return 2
        }
        // Marks, joiners and selectors take nothing; the base and any spacing letters
        // clustered with it (the halfwidth voiced mark of "ｶﾞ") take their own columns.
        return scalars.reduce(0) { width, scalar in isZeroWidth(scalar) ? width : width + (isWide(scalar) ? 2 : 1) }
    }

    /// Whether a multi-scalar cluster shows as one emoji picture: a flag (two regional
    /// indicators), a keycap or text symbol made a picture by U+FE0F, a modified or
    /// joined emoji sequence.
    private static func isPictureSequence(_ scalars: Character.UnicodeScalarView) -> Bool {
        var hasPictograph = false
        for scalar in scalars {
            switch scalar.value {
            case 0xFE0F, 0x20E3, 0x1F3FB...0x1F3FF: return true
            case 0x1F1E6...0x1F1FF: return true
            case 0x200D where hasPictograph: return true
            default: if scalar.properties.isEmoji, scalar.value > 0xFF { hasPictograph = true }
            }
        }
        return false
    }

    /// Scalars that never take a column of their own: controls, combining marks,
    /// format characters (joiners, variation selectors, soft hyphen), and Hangul medial
    /// and final jamo, which join the syllable before them.
    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .nonspacingMark, .enclosingMark, .format: return true
        case .spacingMark: return true
        default: return (0x1160...0x11FF).contains(scalar.value) || (0xFE00...0xFE0F).contains(scalar.value)
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) scalars, and emoji presented as pictures by default.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        return wideRanges.contains { $0.contains(value) }
    }

    /// The East Asian Wide and Fullwidth blocks (Unicode 15, UAX #11), coarsened to
    /// whole blocks where the gaps are unassigned.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul leading jamo
        0x2329...0x232A,  // angle brackets
        0x2E80...0x303E,  // CJK radicals, Kangxi, CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, Kanbun, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x18CFF,  // Tangut, Khitan
        0x1B000...0x1B2FF,  // Kana supplement and extensions, Nüshu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x3FFFD,  // CJK extensions B and beyond
    ]
}
