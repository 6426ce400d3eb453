import MarginaliaCLI

/// Text typed after a command, up to a line holding only `.`: the body of `add TITLE`
/// in the REPL and in scripts, as in mail(1) and sqlite3's `.` conventions.
enum TextBlock {
    static let terminator = "."

    /// Reads lines from `source` until the terminator; the text ends with a newline
    /// unless it is empty.
    static func read(from source: any LineSource) throws -> String {
        var lines: [String] = []
        while let line = try source.nextLine(continuation: true) {
            if line == terminator { return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }
            lines.append(line)
        }
        throw UsageError("the text ended before a line holding only '\(terminator)'")
    }
}
