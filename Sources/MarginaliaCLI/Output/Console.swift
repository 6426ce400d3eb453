import Foundation
import MarginaliaCore

/// Where a command's output goes: standard output, paged when it is a terminal and the
/// output is taller than the screen. The REPL will pass its own.
struct Console {
    /// What standard output is: decides width, colour and paging of human output.
    let terminal: Terminal

    init(terminal: Terminal = .standardOutput()) {
        self.terminal = terminal
    }

    /// Writes one line of normal output.
    func line(_ text: String = "") {
        print(text)
    }

    /// Writes text as it is: a document that ends its own lines.
    func write(_ text: String) {
        print(text, terminator: "")
    }

    /// Writes text without a line break and flushes it: a prompt.
    func prompt(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }

    /// Writes styled lines (coloured when the terminal wants colour), through the pager
    /// when they do not fit on the screen.
    func page(_ lines: [StyledText]) {
        if lines.isEmpty { return }
        var text = lines.map { $0.rendered(colour: terminal.colour) }.joined(separator: "\n")
        text += "\n"
        if Pager.show(text, lineCount: lines.count, on: terminal) { return }
        print(text, terminator: "")
    }

    /// Writes a listing: piped, one line per item; on a terminal, each item wrapped
    /// between words under its first column (`ListItem`), and paged when it does not
    /// fit, unless it ends text written before it (help's examples).
    func list(_ items: [ListItem], paged: Bool = true) {
        guard terminal.isTerminal else {
            for item in items { line(item.line.rendered(colour: terminal.colour)) }
            return
        }
        let lines = items.flatMap { $0.lines(width: terminal.columns) }
        if paged { return page(lines) }
        for text in lines { line(text.rendered(colour: terminal.colour)) }
    }

    /// Writes a table of labelled values (`status`, `hub status`): each label padded to
    /// one column, its value after it, as a listing (long values hang under the values).
    func fields(_ rows: [(label: String, value: String)]) {
        list(rows.map { ListItem(lead: $0.label.padding(toLength: 12, withPad: " ", startingAt: 0), $0.value) })
    }

    /// Writes one value as a JSON document on its own line.
    func json(_ value: JSONValue) {
        line(value.canonicalString)
    }

    /// Writes values as JSON lines, one per value.
    func jsonLines(_ values: some Sequence<JSONValue>) {
        for value in values { json(value) }
    }
}
