import Foundation
import Testing

/// Output taller than the screen in a real terminal (tmux, 80x24) through the real
/// `less`: the pager gets the terminal, the whole text can be reached, `q` gives the
/// terminal back to the shell or the REPL, and Ctrl-C in the pager ends neither.
@Suite("The pager in a terminal")
struct PagerTerminalTests {
    static let size = (80, 24)
    /// The first words of the article's first paragraph, and the last word of its last.
    static let opening = "Sau gần sáu giờ mưa"
    static let ending = "trợ…"

    /// A replica named desk holding the ten-paragraph Hà Nội article; returns its id.
    static func desk(_ sandbox: Sandbox) throws -> String {
        try sandbox.ok("init", "--name", "desk")
        let articles = try sandbox.copyExampleArticles()
        return try sandbox.id("import", articles + "/ha-noi-mua-lu.txt")
    }

    /// Waits for the pager's first screen (its prompt on the last line, so text left on
    /// the terminal by earlier output cannot pass for it), checks it shows `opening` but
    /// not `ending`, presses Ctrl-C (which belongs to the pager: marginalia must go on
    /// waiting for it), goes to the end with `G`, and quits with `q`.
    static func pageToTheEnd(_ terminal: TerminalSession, opening: String = opening, ending: String = ending) throws {
        let firstScreen = try terminal.waitFor("the pager's prompt") { _ in
            (try? terminal.visibleLines().last { !$0.allSatisfy(\.isWhitespace) }) == ":"
        }
        let visible = try terminal.visibleLines().joined(separator: "\n")
        #expect(visible.contains(opening), "the pager does not start with '\(opening)':\n\(firstScreen)")
        #expect(!visible.contains(ending), "the whole text fit on one screen:\n\(firstScreen)")
        try terminal.press("C-c")
        // The terminal discards keys typed just after Ctrl-C: `G` is pressed until it shows.
        try pressing("G", in: terminal, until: ending)
        try terminal.press("q")
    }

    /// Presses `key` at each look at the screen until the screen (without its
    /// scrollback) shows `text`.
    static func pressing(_ key: String, in terminal: TerminalSession, until text: String) throws {
        try terminal.waitFor("'\(text)' after \(key)") { _ in
            if (try? terminal.visibleLines().joined(separator: "\n").contains(text)) == true { return true }
            try? terminal.press(key)
            return false
        }
    }

    @Test func oneShotShowPagesAndQuitReturnsToTheShell() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.desk(sandbox)
        let terminal = try TerminalSession(sandbox, arguments: ["show", id], size: Self.size)
        defer { terminal.close() }
        try Self.pageToTheEnd(terminal)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test(arguments: ["less", "more"])
    func spaceReachesTheLastParagraph(pager: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.desk(sandbox)
        let terminal = try TerminalSession(sandbox, arguments: ["show", id], env: ["PAGER": pager], size: Self.size)
        defer { terminal.close() }
        let firstScreen = try terminal.waitFor(Self.opening)
        #expect(!firstScreen.contains(Self.ending), "\(firstScreen)")
        // Space pages down to the end, where `more` quits by itself and `less` waits for `q`.
        try Self.pressing("Space", in: terminal, until: Self.ending)
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func showInTheREPLPagesAndThePromptComesBack() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.desk(sandbox)
        let terminal = try TerminalSession(sandbox, size: Self.size)
        defer { terminal.close() }
        try terminal.waitFor("desk> ")
        try terminal.enter("show \(id)")
        try Self.pageToTheEnd(terminal)
        try terminal.waitFor("desk> ", count: 2)
        // The terminal is the REPL's again: line editing and the next command work.
        try terminal.type("statu")
        try terminal.press("Tab")
        try terminal.waitFor("desk> status ")
        try terminal.press("Enter")
        try terminal.waitFor("articles    1")
        try terminal.waitFor("desk> ", count: 3)
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }

    /// The walk-through of `resolve` shows a body conflict (its values, taller than the
    /// screen) in the pager, then asks.
    @Test func theResolveWalkThroughPagesABodyConflict() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.desk(sandbox)
        let body = try String(contentsOfFile: sandbox.work.path + "/articles/ha-noi-mua-lu.txt", encoding: .utf8)
            .components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n")
        let road = sandbox.root.appendingPathComponent("road.db").path
        try sandbox.ok("--db", road, "init", "--name", "road")
        try sandbox.ok("sync", road)
        let fromDesk = try sandbox.write("desk.txt", body.replacingOccurrences(of: "mưa liên tục", with: "mưa rất to"))
        let fromRoad = try sandbox.write("road.txt", body.replacingOccurrences(of: "mưa liên tục", with: "mưa không dứt"))
        try sandbox.ok("edit", id, "--body-file", fromDesk)
        try sandbox.ok("--db", road, "edit", id, "--body-file", fromRoad)
        try sandbox.ok("sync", road)

        let terminal = try TerminalSession(sandbox, size: Self.size)
        defer { terminal.close() }
        try terminal.waitFor("desk [1 conflict]> ")
        try terminal.enter("resolve")
        try Self.pageToTheEnd(terminal)
        try terminal.waitFor("[1/1] ")
        try terminal.enter("s")
        try terminal.waitFor("desk [1 conflict]> ", count: 2)
    }
}
