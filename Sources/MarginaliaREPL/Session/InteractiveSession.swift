import Foundation
import MarginaliaCLI

/// The REPL at a terminal: banner, a prompt with the replica's name and open conflicts,
/// readline editing with history and completion, colour, and Ctrl-C that never ends
/// the session.
struct InteractiveSession {
    let request: SessionRequest
    let environment: [String: String]

    func run() async -> Int32 {
        let style = TerminalStyle(colour: request.colour, environment: environment)
        let interrupts = InterruptWatch()
        // The context reads text blocks from the terminal lines, which need the context for
        // their prompt: the closure reaches the lines once both exist.
        var source: TerminalLines?
        let context = CommandContext.session(db: request.db, colour: request.colour) {
            guard let source else { return "" }
            return try interrupts.paused { try TextBlock.read(from: source) }
        }
        let history = HistoryFile(environment: environment)
        history.load()
        let editor = LineEditor(completer: Completer(vocabulary: ReplicaVocabulary(context: context)))
        context.answers = TerminalAnswers(editor: editor, interrupts: interrupts)
        let prompt = Prompt(context: context, style: style)
        let lines = TerminalLines(editor: editor, history: history, prompt: prompt.text)
        source = lines
        printBanner(context: context)
        let options = CommandLoop.Options(bail: request.bail, numbersLines: false, interrupts: interrupts)
        _ = await CommandLoop(lines: lines, context: context, options: options).run()
        return 0
    }

    /// Wrapped between words, as every listing is: at 40 columns the terminal cut "leave".
    private func printBanner(context: CommandContext) {
        if context.awaitsInit {
            context.say(": no replica at \(context.replicaPath) yet; 'init' creates one there", after: "Marginalia")
        } else {
            let name = (try? context.replica().name()) ?? "?"
            context.say(" on replica \(name) (\(context.replicaPath))", after: "Marginalia")
        }
        context.say("Type 'help' for the commands, Tab to complete, Ctrl-D to leave.")
    }
}
