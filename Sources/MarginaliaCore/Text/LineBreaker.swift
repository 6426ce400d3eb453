/// Breaks a paragraph into lines that fit a width in terminal columns.
///
/// Lines break after spaces (a run of spaces at a break is dropped, so no line starts
/// or ends with the gap it broke at); a word wider than a whole line is cut between
/// grapheme clusters, never inside one. Widths come from `DisplayWidth`, so combining
/// marks take no column and wide characters two.
public enum LineBreaker {
    /// The lines of `characters`, a paragraph without line breaks, each at most `width`
    /// columns wide (except a single cluster wider than `width`), as index ranges. An
    /// empty paragraph is one empty line.
    public static func lines(_ characters: [Character], width: Int) -> [Range<Int>] {
        breakLines(characters, width: width, advance: DisplayWidth.advance(_:over:), isSpace: isBreakingSpace)
    }

    /// The same for a string, in its own indices, so callers can slice it. Plain text
    /// (see `DisplayWidth.ofPlainText`), where every scalar is a one-column cluster, is
    /// broken byte by byte, which spares the grapheme breaking that dominated `show` of
    /// 500 notes; other text is split into clusters once, then broken by array index.
    public static func lines(of text: Substring, width: Int) -> [Range<String.Index>] {
        let utf8 = text.utf8
        if DisplayWidth.ofPlainText(text) != nil,
           let offsets = utf8.withContiguousStorageIfAvailable({ plainLines($0, width: width) }) {
            return offsets.map {
                utf8.index(text.startIndex, offsetBy: $0.lowerBound)..<utf8.index(text.startIndex, offsetBy: $0.upperBound)
            }
        }
        var characters: [Character] = []
        var offsets: [Int] = [0]
        // `String`'s iterator finds each cluster's end once; `Substring`'s indexing one does it twice.
        for character in String(text) {
            characters.append(character)
            offsets.append(offsets[offsets.count - 1] + character.utf8.count)
        }
        return lines(characters, width: width).map {
            utf8.index(text.startIndex, offsetBy: offsets[$0.lowerBound])
                ..< utf8.index(text.startIndex, offsetBy: offsets[$0.upperBound])
        }
    }

    /// Plain text broken byte by byte, as UTF-8 offsets: every scalar is one column,
    /// counted at its lead byte (continuation bytes, `10xxxxxx`, take none, so no line
    /// ends inside a scalar), and the only breaking space is U+0020. Walking bytes, not
    /// `Substring` scalar indices, halves the cost of wrapping `show`'s 500 notes.
    private static func plainLines(_ bytes: UnsafeBufferPointer<UInt8>, width: Int) -> [Range<Int>] {
        breakLines(bytes, width: width, advance: { column, byte in byte & 0xC0 == 0x80 ? column : column + 1 }) {
            $0 == UInt8(ascii: " ")
        }
    }

    private static func breakLines<Text: BidirectionalCollection>(
        _ characters: Text, width: Int, advance: (Int, Text.Element) -> Int, isSpace: (Text.Element) -> Bool
    ) -> [Range<Text.Index>] {
        let end = characters.endIndex
        var lines: [Range<Text.Index>] = []
        var start = characters.startIndex
        while start < end {
            var column = 0
            var index = start
            // Where the line could end before a run of spaces, and where the next would begin after it.
            var lastBreak: (end: Text.Index, resume: Text.Index)?
            while index < end {
                if isSpace(characters[index]) {
                    var after = index
                    while after < end, isSpace(characters[after]) {
                        column = advance(column, characters[after])
                        characters.formIndex(after: &after)
                    }
                    lastBreak = (index, after)
                    index = after
                    continue
                }
                let next = advance(column, characters[index])
                if next > width, index > start { break }
                column = next
                characters.formIndex(after: &index)
            }
            if index >= end {
                var last = end
                while last > start, isSpace(characters[characters.index(before: last)]) {
                    characters.formIndex(before: &last)
                }
                lines.append(start..<last)
                break
            }
            if let lastBreak, lastBreak.end > start {
                lines.append(start..<lastBreak.end)
                start = lastBreak.resume
            } else {
                lines.append(start..<index)
                start = index
            }
        }
        return lines.isEmpty ? [start..<start] : lines
    }

    /// Spaces a line may break at: ordinary spaces and tabs, not the no-break ones.
    static func isBreakingSpace(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let scalar = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return false
        }
        // The space separators (Zs) but the no-break ones (U+00A0, U+2007, U+202F), and tab.
        switch scalar.value {
        case 0x20, 0x09, 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
