/// Lines typed at the terminal: the prompt (made fresh for each command, so it shows
/// the current conflict count), history, and a continuation prompt for text blocks.
final class TerminalLines: LineSource {
    static let continuationPrompt = "... "

    private let editor: LineEditor
    private let history: HistoryFile
    private let prompt: () -> String
    private(set) var lineNumber = 0

    init(editor: LineEditor, history: HistoryFile, prompt: @escaping () -> String) {
        self.editor = editor
        self.history = history
        self.prompt = prompt
    }

    /// A command line (Ctrl-C gives a fresh prompt), or a line of a text block (Ctrl-C
    /// abandons the command).
    func nextLine(continuation: Bool) throws -> String? {
        while true {
            switch editor.read(prompt: continuation ? Self.continuationPrompt : prompt()) {
            case .line(let line):
                lineNumber += 1
                if !continuation { history.record(line) }
                return line
            case .end:
                print()
                return nil
            case .interrupted:
                if continuation { throw CancellationError() }
            }
        }
    }
}
