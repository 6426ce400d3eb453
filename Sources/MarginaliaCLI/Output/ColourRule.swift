/// When marginalia writes colour: the one rule for every command's output and the
/// REPL's prompt and messages, so they never disagree about a terminal.
public enum ColourRule {
    /// Colour only on a terminal, never under `NO_COLOR` (https://no-color.org, any
    /// non-empty value), and never when `TERM` is `dumb` or unset (no escape codes are
    /// known to work there).
    public static func applies(onTerminal isTerminal: Bool, environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && !term.isEmpty && term != "dumb"
    }
}
