/// Breaks a paragraph into lines that fit a width in terminal columns.
///
/// Lines break after spaces (a run of spaces at a break is dropped, so no line starts
/// or ends with the gap it broke at); a word wider than a whole line is cut between
/// grapheme clusters, never inside one. Widths come from `DisplayWidth`, so combining
/// marks take no column and wide characters two. Works on an array of characters so
/// callers can keep per-character styling (highlights, diff colours) alongside.
public enum LineBreaker {
    /// The lines of `characters`, a paragraph without line breaks, each at most `width`
    /// columns wide (except a single cluster wider than `width`), as index ranges. An
    /// empty paragraph is one empty line.
    public static func lines(_ characters: [Character], width: Int) -> [Range<Int>] {
        let count = characters.count
        var lines: [Range<Int>] = []
        var start = 0
        while start < count {
            var column = 0
            var index = start
            // Where the line could end before a run of spaces, and where the next would begin after it.
            var lastBreak: (end: Int, resume: Int)?
            while index < count {
                if isBreakingSpace(characters[index]) {
                    var after = index
                    while after < count, isBreakingSpace(characters[after]) {
                        column = DisplayWidth.advance(column, over: characters[after])
                        after += 1
                    }
                    lastBreak = (index, after)
                    index = after
                    continue
                }
                let next = DisplayWidth.advance(column, over: characters[index])
                if next > width, index > start { break }
                column = next
                index += 1
            }
            if index >= count {
                lines.append(start..<trimmingSpaces(characters, from: start, to: count))
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
        switch character {
        case " ", "\t": return true
        case "\u{00A0}", "\u{2007}", "\u{202F}": return false
        default:
            return character.unicodeScalars.count == 1
                && character.unicodeScalars.first?.properties.generalCategory == .spaceSeparator
        }
    }

    private static func trimmingSpaces(_ characters: [Character], from start: Int, to end: Int) -> Int {
        var end = end
        while end > start, isBreakingSpace(characters[end - 1]) { end -= 1 }
        return end
    }
}
