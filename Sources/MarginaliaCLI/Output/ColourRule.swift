/// When marginalia writes colour: the one rule for every command's output and the
/// REPL's prompt and messages, so they never disagree about a terminal.
public enum ColourRule {
    /// `--color always` or `never` as asked; otherwise (`auto`) colour only on a
    /// terminal, never under `NO_COLOR` (https://no-color.org, any non-empty value),
    /// and never when `TERM` is `dumb` or unset (no escape codes are known to work there).
    public static func applies(_ choice: ColourChoice = .auto, onTerminal isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        let term = environment["TERM"] ?? ""
        return isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && !term.isEmpty && term != "dumb"
    }
}
