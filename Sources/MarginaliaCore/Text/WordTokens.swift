/// Text cut into the units a word-level diff compares: words, runs of whitespace, and
/// every other character (punctuation, symbols, emoji) on its own. Joined back in
/// order the tokens give the text exactly, so merges keep whitespace and punctuation.
///
/// Cuts only between grapheme clusters, following the spirit of Unicode word
/// boundaries (UAX #29): letters, marks and digits of any script form words ("Đường",
/// NFC or NFD alike), an apostrophe or period between letters stays inside a word
/// ("don't"), a comma or period between digits inside a number ("4,15"), and each
/// ideograph is a word of its own, since those scripts put no spaces between words.
public enum WordTokens {
    public static func of(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            var end = text.index(after: index)
            switch Kind(character) {
            case .word:
                while end < text.endIndex {
                    let next = text[end]
                    if Kind(next) == .word { end = text.index(after: end); continue }
                    // A joiner between two word characters of the right kind stays in the word.
                    let afterJoiner = text.index(after: end)
                    guard afterJoiner < text.endIndex, Kind(text[afterJoiner]) == .word,
                          joins(next, text[text.index(before: end)], text[afterJoiner])
                    else { break }
                    end = text.index(after: afterJoiner)
                }
            case .space:
                while end < text.endIndex, Kind(text[end]) == .space { end = text.index(after: end) }
            case .single:
                break
            }
            tokens.append(text[index..<end])
            index = end
        }
        return tokens
    }

    private enum Kind {
        case word, space, single

        init(_ character: Character) {
            if character.isWhitespace {
                self = .space
            } else if character.unicodeScalars.first?.properties.isIdeographic == true {
                self = .single
            } else if character.isLetter || character.isNumber || character == "_" {
                self = .word
            } else {
                self = .single
            }
        }
    }

    /// Whether `joiner` between `before` and `after` keeps one word: ' ’ . between
    /// letters, , . between digits.
    private static func joins(_ joiner: Character, _ before: Character, _ after: Character) -> Bool {
        switch joiner {
        case "'", "’": before.isLetter && after.isLetter
        case ".": (before.isLetter && after.isLetter) || (before.isNumber && after.isNumber)
        case ",": before.isNumber && after.isNumber
        default: false
        }
    }
}
