import Foundation

/// Where the walk-through (`resolve` with no arguments) gets its answers, one line per
/// question. One-shot use reads standard input (a person at a terminal, or a pipe in
/// scripts and tests); the REPL hands in its readline prompt instead, so answers are
/// edited, recalled and cancelled as its command lines are.
public protocol AnswerReader {
    /// Shows `prompt` and returns the line answered, without its line break, or nil
    /// when input has ended. Throws `CancellationError` when the person cancels the
    /// questions (Ctrl-C in the REPL): the command stops without writing what was asked.
    func answer(_ prompt: String) throws -> String?
}

/// Answers read line by line from standard input. When that is not a terminal the
/// answer is echoed after the prompt, so the output reads like the session it was.
struct StandardInputAnswers: AnswerReader {
    let console: Console

    func answer(_ prompt: String) -> String? {
        console.prompt(prompt)
        guard let line = readLine(strippingNewline: true) else {
            console.line()
            return nil
        }
        if !TextInput.standardInputIsTerminal { console.line(line) }
        return line
    }
}
