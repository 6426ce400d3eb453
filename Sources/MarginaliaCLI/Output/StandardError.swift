import Foundation

/// Lines for people on standard error, which stays free when standard output carries
/// data (the protocol under `serve --stdio`, JSON under `--json`).
public enum StandardError {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes an error `message` as exactly one line: line breaks and other control
    /// characters from what was typed (a multi-line quote, say) are shown escaped.
    public static func errorLine(_ message: String) {
        var line = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\t": line += "\\t"
            case _ where scalar.properties.generalCategory == .control: line += "\\u{\(String(scalar.value, radix: 16))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        // Standard output first, so in a terminal the error follows what came before it.
        fflush(nil)
        Self.line(line)
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
