import MarginaliaCLI

/// Splits a line into commands and words the way a POSIX shell does, so quoting works as
/// people expect from their shell: words separated by blanks, 'single quotes' taken
/// literally, "double quotes" with \" \\ \$ \` escapes, a backslash escaping the next
/// character, `;` between commands and `#` starting a comment at the start of a word.
/// No variables, globbing or substitutions: the words go to the argument parser as typed.
public enum ShellWords {
    /// The commands of `line`, each as its words. Blank commands are dropped.
    public static func commands(in line: String) throws -> [[String]] {
        var scanner = Scanner(line)
        try scanner.scan()
        if let quote = scanner.openQuote { throw UsageError("unterminated \(quote == "'" ? "single" : "double") quote") }
        if scanner.danglingBackslash { throw UsageError("the line ends with a lone backslash") }
        return scanner.commands.filter { !$0.isEmpty }
    }

    /// The words of the last command of `text` (a line up to the cursor) as far as they
    /// go, tolerating an unfinished quote: what completion looks at.
    public static func wordsSoFar(in text: String) -> [String] {
        var scanner = Scanner(text)
        try? scanner.scan()
        return scanner.commands.last ?? []
    }

    private struct Scanner {
        var scalars: String.UnicodeScalarView
        var commands: [[String]] = [[]]
        var word: String.UnicodeScalarView?
        var openQuote: Unicode.Scalar?
        var danglingBackslash = false

        init(_ text: String) { scalars = text.unicodeScalars }

        mutating func scan() throws {
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let scalar = scalars[index]
                index = scalars.index(after: index)
                switch scalar {
                case " ", "\t", "\n", "\r":
                    finishWord()
                case ";":
                    finishWord()
                    commands.append([])
                case "#" where word == nil:
                    index = scalars.endIndex
                case "'", "\"":
                    word = word ?? String.UnicodeScalarView()
                    index = quoted(from: index, closing: scalar)
                case "\\":
                    guard index < scalars.endIndex else {
                        danglingBackslash = true
                        continue
                    }
                    append(scalars[index])
                    index = scalars.index(after: index)
                default:
                    append(scalar)
                }
            }
            finishWord()
        }

        /// Reads a quoted part starting after its opening quote; returns where it ends.
        private mutating func quoted(from start: String.UnicodeScalarView.Index, closing: Unicode.Scalar)
            -> String.UnicodeScalarView.Index
        {
            var index = start
            while index < scalars.endIndex {
                let scalar = scalars[index]
                index = scalars.index(after: index)
                if scalar == closing { return index }
                if closing == "\"", scalar == "\\", index < scalars.endIndex, "\"\\$`".unicodeScalars.contains(scalars[index]) {
                    append(scalars[index])
                    index = scalars.index(after: index)
                } else {
                    append(scalar)
                }
            }
            openQuote = closing
            return index
        }

        private mutating func append(_ scalar: Unicode.Scalar) {
            word = word ?? String.UnicodeScalarView()
            word?.append(scalar)
        }

        private mutating func finishWord() {
            guard let finished = word else { return }
            commands[commands.count - 1].append(String(finished))
            word = nil
        }
    }
}
