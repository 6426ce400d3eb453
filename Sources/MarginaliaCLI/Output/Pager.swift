import Foundation

/// Output taller than the screen goes through `$PAGER` (`less` when unset), as git
/// does, but only when standard output is a terminal: pipes, files and tests get the
/// text itself. The pager gets the terminal (see `ForegroundCommand`) and marginalia
/// waits for it, so `q` brings back the shell or the REPL's prompt.
enum Pager {
    static let defaultCommand = "less"

    /// Shows `text` (of `lineCount` lines) in the pager when it is needed and can be
    /// started; returns whether it did. An empty `$PAGER` or `cat` means no pager.
    static func show(_ text: String, lineCount: Int, on terminal: Terminal,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool
    {
        guard terminal.isTerminal, lineCount >= terminal.rows else { return false }
        let command = (environment["PAGER"] ?? defaultCommand).trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty, command != "cat" else { return false }
        let pager = ForegroundCommand(command: command, environment: pagerEnvironment(environment))
        do {
            _ = try pager.run(input: Array(text.utf8))
            return true
        } catch {
            return false
        }
    }

    /// git's defaults for `less` when the user set none: quit at once when the text fits
    /// on one screen (F), pass colours through (R), leave the text on the screen after `q` (X).
    private static func pagerEnvironment(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        if environment["LV"] == nil { environment["LV"] = "-c" }
        return environment
    }
}
