import Foundation
import Testing

/// `$EDITOR` in a real terminal (tmux, the real vim): the editor gets the terminal, and
/// what it saves becomes the body, one-shot and in the REPL.
@Suite("The editor in a terminal")
struct EditorTerminalTests {
    static let editor = "vim -u NONE -i NONE -N"
    static let rewritten = "Phố Nguyễn Khuyến đã khô ráo."

    /// A replica named desk holding one short article; returns its id.
    static func desk(_ sandbox: Sandbox) throws -> String {
        try sandbox.ok("init", "--name", "desk")
        return try sandbox.id("add", "Hà Nội sau mưa", "--body", "Nước vẫn ngập sâu.\n")
    }

    /// Waits for vim to show the body, replaces it with `rewritten`, and saves.
    static func rewrite(in terminal: TerminalSession) throws {
        try terminal.waitFor("Nước vẫn ngập sâu.")
        try terminal.type("ggdGi" + rewritten)
        try terminal.press("Escape")
        try terminal.enter(":wq")
    }

    @Test func oneShotEditOpensTheEditorInTheTerminal() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.desk(sandbox)
        let terminal = try TerminalSession(sandbox, arguments: ["edit", id, "--body"], env: ["EDITOR": Self.editor])
        defer { terminal.close() }
        try Self.rewrite(in: terminal)
        #expect(try terminal.waitForExit() == 0)
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == Self.rewritten + "\n")
    }

    @Test func editInTheREPLGivesTheTerminalBack() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.desk(sandbox)
        let terminal = try TerminalSession(sandbox, env: ["EDITOR": Self.editor])
        defer { terminal.close() }
        try terminal.waitFor("desk> ")
        try terminal.enter("edit \(id) --body")
        try Self.rewrite(in: terminal)
        try terminal.waitFor("desk> ", count: 2)
        try terminal.enter("status")
        try terminal.waitFor("articles    1")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == Self.rewritten + "\n")
    }
}
