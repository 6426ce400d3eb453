import Foundation

/// What standard output is connected to, which decides how human output looks: how
/// wide lines may be, how many fit on a screen, whether colour is welcome, and whether
/// there is a person to page for or prompt.
struct Terminal: Sendable {
    /// Whether standard output is a terminal.
    var isTerminal: Bool
    /// Columns per line: `$COLUMNS`, else the terminal's width, else 80.
    var columns: Int
    /// Lines per screen: `$LINES`, else the terminal's height, else 24.
    var rows: Int
    /// Whether to colour (see `ColourRule`).
    var colour: Bool

    /// Standard output as this process finds it, coloured as `colour` asks.
    static func standardOutput(
        colour choice: ColourChoice = .auto, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Terminal {
        let isTerminal = isatty(STDOUT_FILENO) == 1
        var size = winsize()
        let hasSize = isTerminal && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0
        return Terminal(
            isTerminal: isTerminal,
            columns: positive(environment["COLUMNS"]) ?? (hasSize && size.ws_col > 0 ? Int(size.ws_col) : 80),
            rows: positive(environment["LINES"]) ?? (hasSize && size.ws_row > 0 ? Int(size.ws_row) : 24),
            colour: ColourRule.applies(choice, onTerminal: isTerminal, environment: environment))
    }

    private static func positive(_ text: String?) -> Int? {
        guard let text, let number = Int(text.trimmingCharacters(in: .whitespaces)), number > 0 else { return nil }
        return number
    }
}
