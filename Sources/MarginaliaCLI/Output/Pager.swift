import Foundation

/// Output taller than the screen goes through `$PAGER` (`less -FRX` when unset), as
/// git does, but only when standard output is a terminal: pipes, files and tests get
/// the text itself.
enum Pager {
    static let defaultCommand = "less -FRX"

    /// Shows `text` (of `lineCount` lines) in the pager when it is needed and can be
    /// started; returns whether it did. An empty `$PAGER` or `cat` means no pager.
    static func show(_ text: String, lineCount: Int, on terminal: Terminal,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool
    {
        guard terminal.isTerminal, lineCount >= terminal.rows else { return false }
        let command = (environment["PAGER"] ?? defaultCommand).trimmingCharacters(in: .whitespaces)
        guard !command.isEmpty, command != "cat" else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        fflush(nil)
        do { try process.run() } catch { return false }
        // The pager may quit before reading everything: a broken pipe is no error here.
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }
}
