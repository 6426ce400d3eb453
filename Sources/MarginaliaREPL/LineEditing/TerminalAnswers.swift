import MarginaliaCLI

/// Answers to the questions a running command asks (the `resolve` walk-through), read
/// by readline like command lines: editing, Ctrl-L, and Up for the earlier answers (a
/// history of their own, never written to the history file). Ctrl-C cancels the
/// command, leaving unwritten what the question was about.
final class TerminalAnswers: AnswerReader {
    private let editor: LineEditor
    private let interrupts: InterruptWatch

    init(editor: LineEditor, interrupts: InterruptWatch) {
        self.editor = editor
        self.interrupts = interrupts
    }

    func answer(_ prompt: String) throws -> String? {
        // The line editor, not the watch on the running command, gets Ctrl-C meanwhile.
        switch interrupts.paused({ editor.readAnswer(prompt: prompt) }) {
        case .line(let line): return line
        case .end:
            print()
            return nil
        case .interrupted: throw CancellationError()
        }
    }
}
