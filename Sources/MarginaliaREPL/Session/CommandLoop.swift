import Foundation
import MarginaliaCLI

/// Reads commands from a line source and runs each through the CLI's grammar
/// (`CommandExecutor`) against the session's one context, until the end of input,
/// `exit` or `quit`, or (with `--bail`) the first failure.
///
/// Exit status: 0 when every command succeeded; otherwise the status of the last
/// command that failed, or with `--bail` of the one that stopped the script.
final class CommandLoop {
    /// Words that end the session, besides the end of input.
    static let leavingWords = ["exit", "quit"]

    /// How the loop reports and stops.
    struct Options {
        /// Stop at the first failure.
        var bail = false
        /// Prefix error lines with `line N:` (scripts).
        var numbersLines = false
        /// Cancel a running command on Ctrl-C (the REPL); nil in scripts, where Ctrl-C ends the process.
        var interrupts: InterruptWatch?
    }

    private let lines: any LineSource
    private let context: CommandContext
    private let options: Options

    init(lines: any LineSource, context: CommandContext, options: Options) {
        self.lines = lines
        self.context = context
        self.options = options
    }

    func run() async -> Int32 {
        var status: Int32 = 0
        while let line = try? lines.nextLine(continuation: false) {
            let executor = CommandExecutor(
                context: context, location: options.numbersLines ? "line \(lines.lineNumber)" : nil, helpHint: "help")
            let commands: [[String]]
            do {
                commands = try ShellWords.commands(in: line)
            } catch {
                status = executor.report(error)
                if options.bail { return status }
                continue
            }
            for words in commands {
                if words.count == 1 && Self.leavingWords.contains(words[0]) { return status }
                let result = await execute(words, with: executor)
                fflush(nil)
                if result != 0 {
                    status = result
                    if options.bail { return status }
                }
            }
        }
        return status
    }

    private func execute(_ words: [String], with executor: CommandExecutor) async -> Int32 {
        let outcome: CommandExecutor.Outcome
        if let interrupts = options.interrupts {
            let handoff = Handoff(value: { await executor.execute(words) })
            outcome = await interrupts.run(handoff)
        } else {
            outcome = await executor.execute(words)
        }
        switch outcome {
        case .finished(let status):
            if status == 0, words.first == "help" { HelpExtras.print(for: Array(words.dropFirst()), in: context) }
            return status
        case .session:
            return executor.report(UsageError("give a command after the options ('help' lists them)"))
        }
    }
}
