import Foundation
import MarginaliaCLI

/// `marginalia` without a command: the REPL when standard input is a terminal,
/// otherwise a script read from standard input, or the commands given with `-c`.
/// Every command goes through the same grammar and error handling as one-shot use.
public enum REPL {
    public static func run(_ request: SessionRequest) async -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        if request.commands == nil && isatty(STDIN_FILENO) == 1 {
            return await InteractiveSession(request: request, environment: environment).run()
        }
        let lines: any LineSource = request.commands.map(ArgumentLines.init) ?? StandardInputLines()
        let context = CommandContext.session(db: request.db, colour: request.colour) { try TextBlock.read(from: lines) }
        let options = CommandLoop.Options(bail: request.bail, numbersLines: true, interrupts: nil)
        return await CommandLoop(lines: lines, context: context, options: options).run()
    }
}
