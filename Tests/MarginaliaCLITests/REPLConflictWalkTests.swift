import Foundation
import Testing

/// The `resolve` walk-through in the REPL, in a real terminal (tmux) with the real
/// `less`: answers are read by readline (editing, Up for earlier answers only, Ctrl-L),
/// values taller than the screen go through the pager, a merge is written only once
/// confirmed, and Ctrl-C cancels the walk with nothing written, back at the prompt.
@Suite("the resolve walk-through in the REPL")
struct REPLConflictWalkTests {
    /// desk and road each rewrote the Hà Nội article: desk a phrase of its first
    /// paragraph and its title, road a phrase of its last paragraph and its title; desk
    /// synced with road. Returns the article's id; the body merges cleanly, the title not.
    static func rewrites(_ sandbox: Sandbox) throws -> String {
        let id = try PagerTerminalTests.desk(sandbox)
        let road = sandbox.root.appendingPathComponent("road.db").path
        try sandbox.ok("--db", road, "init", "--name", "road")
        try sandbox.ok("sync", road)
        try sandbox.ok("replace", id, "mưa liên tục", "mưa rất to")
        try sandbox.ok("edit", id, "--title", "Hà Nội ngập sâu sau đêm mưa lớn")
        try sandbox.ok("--db", road, "replace", id, "đường dây nóng", "số điện thoại khẩn cấp")
        try sandbox.ok("--db", road, "edit", id, "--title", "Phố phường Hà Nội thành sông")
        try sandbox.ok("sync", road)
        return id
    }

    static func body(_ sandbox: Sandbox, _ id: String) throws -> String {
        try sandbox.json(ArticleDoc.self, "show", id, "--json").body
    }

    /// Waits for the merge's `count`-th preview (short: the change in context, not
    /// paged) and its question on the last line.
    static func preview(_ terminal: TerminalSession, count: Int) throws {
        try terminal.waitFor("preview \(count) and its question") { screen in
            screen.components(separatedBy: "the merge, as a word diff against value 1").count - 1 == count
                && screen.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) } == "write this? y or n: "
        }
    }

    /// The REPL at 80x24 on `rewrites`, where `resolve ID body` was typed and the two
    /// bodies, taller than the screen, were paged through in less (`q` came back to the
    /// question). Close it with `defer { walk.close() }`.
    struct BodyWalk {
        static let prompt = "desk [2 conflicts]> "
        let sandbox: Sandbox
        let id: String
        /// The body on desk before any answer.
        let before: String
        let terminal: TerminalSession

        init() throws {
            sandbox = try Sandbox()
            id = try REPLConflictWalkTests.rewrites(sandbox)
            before = try REPLConflictWalkTests.body(sandbox, id)
            terminal = try TerminalSession(sandbox, env: ["NO_COLOR": "1"], size: PagerTerminalTests.size)
            try terminal.waitFor(Self.prompt)
            try terminal.enter("resolve \(id.prefix(6)) body")
            try PagerTerminalTests.pageToTheEnd(terminal)
        }

        func close() {
            terminal.close()
            sandbox.remove()
        }
    }

    @Test func longValuesArePagedAnswersReadByReadlineAndTheMergeConfirmed() throws {
        let walk = try BodyWalk()
        defer { walk.close() }
        let (sandbox, id, before, terminal) = (walk.sandbox, walk.id, walk.before, walk.terminal)
        let question = "[1/1] 1, 2, m, e, d, s, q or ?: "
        try terminal.waitFor(question)
        // The diff.
        try terminal.enter("d")
        try terminal.waitFor(question, count: 2)
        // The merge's preview, then the confirmation.
        try terminal.enter("m")
        try Self.preview(terminal, count: 1)
        #expect(try Self.body(sandbox, id) == before, "nothing is written before the answer")

        // Up recalls the earlier answers, not the commands; Ctrl-U clears the line as at the prompt.
        try terminal.press("Up")
        try terminal.waitFor("write this? y or n: m")
        try terminal.press("Up")
        try terminal.waitFor("write this? y or n: d")
        try terminal.clearLine(prompt: "write this? y or n:")
        // Ctrl-L clears the screen, leaving the question alone at the top.
        try terminal.press("C-l")
        try terminal.waitFor("the question at the top of a clear screen") { _ in
            (try? terminal.visibleLines().first?.trimmingCharacters(in: .whitespaces)) == "write this? y or n:"
        }
        // No: the question again; then yes, written.
        try terminal.enter("n")
        try terminal.waitFor("not written")
        try terminal.waitFor(question, count: 3)
        try terminal.enter("m")
        try Self.preview(terminal, count: 2)
        try terminal.enter("y")
        try terminal.waitFor("resolved 1, skipped 0; 1 conflict open")
        try terminal.waitFor("desk [1 conflict]> ")
        let merged = try Self.body(sandbox, id)
        #expect(merged.contains("mưa rất to") && merged.contains("số điện thoại khẩn cấp"), "\(merged)")

        // The answers never reach the history file; the command did.
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
        let history = try String(
            contentsOfFile: sandbox.root.appendingPathComponent("state/marginalia/history").path, encoding: .utf8)
        #expect(RunResult.lines(of: history) == ["resolve \(id.prefix(6)) body"], "\(history)")
    }

    /// Ctrl-C at the question, and at the merge's confirmation, cancels the walk: nothing
    /// is written, the prompt comes back, and Up there recalls the command.
    @Test func ctrlCCancelsTheWalkWithNothingWritten() throws {
        let walk = try BodyWalk()
        defer { walk.close() }
        let (sandbox, id, before, terminal, prompt) = (walk.sandbox, walk.id, walk.before, walk.terminal, BodyWalk.prompt)
        try terminal.waitFor("[1/1] ")
        try terminal.enter("m")
        try Self.preview(terminal, count: 1)
        try terminal.type("y")
        try terminal.waitFor("write this? y or n: y")
        try terminal.press("C-c")
        var screen = try terminal.waitFor("marginalia: interrupted")
        #expect(screen.contains("write this? y or n: y^C"), "\(screen)")
        screen = try terminal.waitFor(prompt, count: 2)
        #expect(!screen.contains("resolved 0"), "\(screen)")
        #expect(try Self.body(sandbox, id) == before)
        #expect(try sandbox.status().conflicts == 2)

        // At the first question too.
        try terminal.press("Up")
        try terminal.waitFor(prompt + "resolve \(id.prefix(6)) body")
        try terminal.press("Enter")
        try PagerTerminalTests.pageToTheEnd(terminal)
        try terminal.waitFor("[1/1] ", count: 2)
        try terminal.press("C-c")
        try terminal.waitFor("marginalia: interrupted", count: 2)
        try terminal.waitFor(prompt, count: 3)
        #expect(try sandbox.status().conflicts == 2)

        // A line naming a replica of its own (road got the conflicts too) is answered the same way.
        let road = sandbox.root.appendingPathComponent("road.db").path
        try terminal.enter("--db \(road) resolve \(id.prefix(6)) title")
        try terminal.waitFor("[1/1] ", count: 3)
        try terminal.press("C-c")
        try terminal.waitFor("marginalia: interrupted", count: 3)
        try terminal.waitFor(prompt, count: 4)
        #expect(try sandbox.run("--db", road, "status", "--json").jsonDocument(StatusDoc.self).conflicts == 2)
    }

    /// At 40 columns: the Vietnamese bodies are paged wrapped between words, and the
    /// answers are read and acted on as at any width.
    @Test func aNarrowTerminalShowsTheValuesWrappedAndTakesTheAnswer() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.rewrites(sandbox)
        let article = try Self.body(sandbox, id)
        let terminal = try TerminalSession(sandbox, env: ["NO_COLOR": "1"], size: (40, 24))
        defer { terminal.close() }
        try terminal.waitFor("desk [2 conflicts]> ")
        try terminal.enter("resolve \(id.prefix(6)) body")
        try terminal.waitFor("the pager's prompt") { _ in
            (try? terminal.visibleLines().last { !$0.allSatisfy(\.isWhitespace) }) == ":"
        }
        // Every Vietnamese word on the pager's first screen is whole: a word of the article.
        let original = try String(contentsOfFile: sandbox.work.path + "/articles/ha-noi-mua-lu.txt", encoding: .utf8)
        let texts = [original, article, "Phố phường Hà Nội thành sông", "số điện thoại khẩn cấp"]
        let words = Set(texts.joined(separator: " ").split(whereSeparator: \.isWhitespace).map(Self.bare))
        let page = try terminal.visibleLines()
        #expect(page.allSatisfy { $0.count <= 40 }, "\(page)")
        let cut = page.flatMap { $0.split(whereSeparator: \.isWhitespace).map(Self.bare) }
            .filter { $0.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic } && !words.contains($0) }
        #expect(cut.isEmpty, "words cut at 40 columns: \(cut)\n\(page.joined(separator: "\n"))")
        try terminal.press("q")
        try terminal.waitFor("[1/1] ")
        try terminal.enter("s")
        try terminal.waitFor("desk [2 conflicts]> ", count: 2)

        // The title: the value road wrote, by its number (the order of values is the store's).
        try terminal.enter("resolve \(id.prefix(6)) title")
        let screen = try terminal.waitFor("[1/1] ", count: 2)
        let number = try #require(screen.components(separatedBy: "\n").last { $0.contains(") road · ") }?
            .trimmingCharacters(in: .whitespaces).first, "\(screen)")
        try terminal.enter("?")
        try terminal.waitFor("q  stop here")
        try terminal.enter(String(number))
        try terminal.waitFor("took value \(number), by road")
        try terminal.waitFor("desk [1 conflict]> ")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").title == "Phố phường Hà Nội thành sông")
    }

    /// A word without the punctuation around it, nor the brackets of a word diff.
    static func bare(_ word: Substring) -> String {
        String(word).trimmingCharacters(in: CharacterSet.punctuationCharacters.union(.symbols).union(CharacterSet(charactersIn: "[]{}+-")))
    }
}
