import Foundation
import Testing

/// The REPL as a person meets it, in a real terminal (tmux): the prompt and its
/// conflict count, completion, history across sessions, Ctrl-C and Ctrl-D, colour,
/// text blocks, and Ctrl-C during a sync.
@Suite("REPL in a terminal")
struct REPLTerminalTests {
    /// A replica named desk with one article, `Base title`; returns its id.
    static func desk(_ sandbox: Sandbox) throws -> String {
        try sandbox.ok("init", "--name", "desk")
        return try sandbox.id("add", "Base title", "--body", "alpha beta")
    }

    /// The REPL on desk, at its first prompt. Close it with `defer { repl.close() }`.
    struct DeskREPL {
        let sandbox: Sandbox
        let article: String
        let terminal: TerminalSession

        init(env: [String: String?] = [:], colours: Bool = false) throws {
            sandbox = try Sandbox()
            article = try REPLTerminalTests.desk(sandbox)
            terminal = try TerminalSession(sandbox, env: env)
            try terminal.waitFor("desk> ", colours: colours)
        }

        func close() {
            terminal.close()
            sandbox.remove()
        }
    }

    @Test func thePromptShowsTheReplicaAndItsOpenConflicts() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.desk(sandbox)
        let road = sandbox.root.appendingPathComponent("road.db").path
        try sandbox.ok("--db", road, "init", "--name", "road")
        try sandbox.ok("sync", road)
        try sandbox.ok("edit", id, "--title", "From the desk")
        try sandbox.ok("--db", road, "edit", id, "--title", "From the road")
        try sandbox.ok("sync", road)

        let terminal = try TerminalSession(sandbox)
        defer { terminal.close() }
        let screen = try terminal.waitFor("desk [1 conflict]> ")
        #expect(screen.contains("Marginalia on replica desk (\(sandbox.db))"), "\(screen)")
        // Colour: the name in cyan, the count in yellow.
        let coloured = try terminal.screen(colours: true)
        #expect(coloured.contains("\u{1B}[36mdesk") && coloured.contains("\u{1B}[33m[1 conflict]"), "\(coloured)")
        // Resolving the conflict (an edit of the field) shows at the next prompt.
        try terminal.enter("edit \(id) --title Resolved")
        try terminal.waitFor("\ndesk> ")
        #expect(try sandbox.status().conflicts == 0)
    }

    @Test(arguments: [["NO_COLOR": "1"], ["TERM": "dumb"]])
    func colourIsOffUnderNoColourAndDumbTerminals(env: [String: String]) throws {
        let repl = try DeskREPL(env: env, colours: true)
        defer { repl.close() }
        let screen = try repl.terminal.screen(colours: true)
        #expect(!screen.contains("\u{1B}[36m") && !screen.contains("\u{1B}[1m"), "\(screen)")
    }

    /// `--color never` for the session: no colour in the prompt or in any command's output.
    @Test func colourIsOffWithColorNever() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        _ = try Self.desk(sandbox)
        let terminal = try TerminalSession(sandbox, arguments: ["--color", "never"])
        defer { terminal.close() }
        try terminal.waitFor("desk> ")
        try terminal.enter("search alpha")
        try terminal.waitFor("[alpha]")
        let screen = try terminal.screen(colours: true)
        #expect(!screen.contains("\u{1B}[36m") && !screen.contains("\u{1B}[1m") && !screen.contains("\u{1B}[0;4m"), "\(screen)")
    }

    @Test func tabCompletesCommandsOptionsIdsAndPaths() throws {
        let repl = try DeskREPL()
        defer { repl.close() }
        let (id, terminal) = (repl.article, repl.terminal)
        let annotation = try repl.sandbox.id("annotate", id, "--quote", "beta", "--note", "Đường ngập")
        let field = try repl.sandbox.id("add", "Field notes", "--body", "x")
        let hanoi = try repl.sandbox.id("add", "Notes from Hà Nội", "--body", "y")
        try repl.sandbox.write("zz-notes.txt", "Imported\n\nbody\n")
        try repl.sandbox.ok("peer", "add", "office", "office.db")
        let draft = try repl.sandbox.id("add", "Old draft", "--body", "z")
        try repl.sandbox.ok("rm", draft)

        let completions = [
            ("sta", "status "),
            // An id from a word of the title, ignoring case; from a prefix; an annotation from its note.
            ("show bas", "show \(id) "),
            ("show \(id.prefix(4))", "show \(id) "),
            ("note duong", "note \(annotation) "),
            ("reanchor duong", "reanchor \(annotation) "),
            // Only what is in the trash where it is restored.
            ("restore old", "restore \(draft) "),
            // Field names where a field is asked for (Core's, before an id names anything), and
            // peer names where a peer is.
            ("resolve zzzz an", "resolve zzzz anchor "),
            ("sync off", "sync office "),
            // Options of the command being typed.
            ("annotations --js", "annotations --json "),
            // The fixed values an option takes.
            ("annotations --status orph", "annotations --status orphaned "),
            // File names where a path makes sense, and only there.
            ("import zz", "import zz-notes.txt "),
        ]
        for (typed, completed) in completions {
            try terminal.type(typed)
            try terminal.press("Tab")
            try terminal.waitFor("desk> " + completed)
            try terminal.clearLine(prompt: "desk>")
        }
        // Several ids found by a title word are listed with their titles (at the second Tab).
        try terminal.type("show note")
        try terminal.press("Tab", "Tab")
        try terminal.waitFor("the ids with their titles") {
            $0.contains("\n\(field)  Field notes\n") && $0.contains("\n\(hanoi)  Notes from Hà Nội\n")
        }
        try terminal.clearLine(prompt: "desk>")
        try terminal.type("show zz")
        try terminal.press("Tab")
        try terminal.enter("Q")
        let screen = try terminal.waitFor("no article or annotation") { $0.contains("marginalia: ") && $0.contains("zzQ") }
        #expect(screen.contains("desk> show zzQ"), "\(screen)")
    }

    /// After `conflict` and `resolve`, Tab offers only the ids with open conflicts, then
    /// only their fields in conflict; after `trust rm`, the trusted peers, not the sync peers.
    @Test func tabOffersConflictedIdsTheirFieldsAndTrustedPeers() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try REPLConflictWalkTests.rewrites(sandbox)
        _ = try sandbox.id("add", "Cà phê sữa đá", "--body", "Một ly mỗi sáng.")
        let road = sandbox.root.appendingPathComponent("road.db").path
        struct Identity: Decodable { var fingerprint: String }
        let office = try sandbox.json(Identity.self, "--db", road, "identity", "show", "--json")
        try sandbox.ok("trust", "add", office.fingerprint, "--name", "office")
        try sandbox.ok("peer", "add", "road", road)
        let terminal = try TerminalSession(sandbox)
        defer { terminal.close() }
        let prompt = "desk [2 conflicts]> "
        try terminal.waitFor(prompt)
        for (typed, completed) in [("conflict ", "conflict \(id) "), ("resolve ", "resolve \(id) "), ("trust rm ", "trust rm office ")] {
            try terminal.type(typed)
            try terminal.press("Tab")
            try terminal.waitFor(prompt + completed)
            try terminal.clearLine(prompt: prompt.trimmingCharacters(in: .whitespaces))
        }
        // The two fields in conflict, listed at the second Tab; a letter picks one.
        try terminal.type("resolve \(id) ")
        try terminal.press("Tab", "Tab")
        try terminal.waitFor("the fields in conflict") { $0.contains("\nbody   title") || $0.contains("\nbody  title") }
        try terminal.type("t")
        try terminal.press("Tab")
        try terminal.waitFor(prompt + "resolve \(id) title ")
    }

    @Test func historyIsKeptAcrossSessions() throws {
        let repl = try DeskREPL()
        defer { repl.close() }
        let (sandbox, first) = (repl.sandbox, repl.terminal)
        for (index, line) in ["status", " ls", "status", "log --limit 1"].enumerated() {
            try first.waitFor("desk> ", count: index + 1)
            try first.enter(line)
        }
        try first.waitFor("desk> ", count: 5)
        try first.press("C-d")
        #expect(try first.waitForExit() == 0)

        let file = sandbox.root.appendingPathComponent("state/marginalia/history").path
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let kept = try String(contentsOfFile: file, encoding: .utf8)
        #expect(RunResult.lines(of: kept) == ["status", "log --limit 1"], "\(kept)")

        let second = try TerminalSession(sandbox)
        defer { second.close() }
        try second.waitFor("desk> ")
        try second.press("Up")
        try second.waitFor("desk> log --limit 1")
        try second.press("Up")
        try second.waitFor("desk> status")
        try second.press("Enter")
        try second.waitFor("articles    1")
    }

    @Test func ctrlCClearsTheLineAndCtrlDLeaves() throws {
        let repl = try DeskREPL()
        defer { repl.close() }
        let terminal = repl.terminal
        try terminal.type("rm something")
        // As a person would, press Ctrl-C once the text shows: the terminal discards typed
        // input that nobody has read yet when Ctrl-C interrupts.
        try terminal.waitFor("desk> rm something")
        try terminal.press("C-c")
        try terminal.waitFor("desk> rm something^C")
        try terminal.enter("status")
        // Keys count once the next prompt shows: before, the terminal is not in readline's hands.
        try terminal.waitFor("desk> ", count: 3)
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func addReadsTheBodyUpToALoneDot() throws {
        let repl = try DeskREPL()
        defer { repl.close() }
        let (sandbox, terminal) = (repl.sandbox, repl.terminal)
        try terminal.enter("add 'Ghi chú'")
        for line in ["Dòng một.", "  Dòng hai."] {
            try terminal.waitFor("... ")
            try terminal.enter(line)
        }
        try terminal.enter(".")
        try terminal.waitFor("desk> ", count: 2)
        let listed = try #require(try sandbox.ok("list").lines.first { $0.hasSuffix("  Ghi chú") })
        let added = try sandbox.json(ArticleDoc.self, "show", String(listed.prefix(8)), "--json")
        #expect(added.body == "Dòng một.\n  Dòng hai.\n")

        // Ctrl-C in the middle of the body abandons the command.
        try terminal.enter("add Abandoned")
        try terminal.waitFor("... ", count: 3)
        try terminal.type("half a line")
        try terminal.waitFor("... half a line")
        try terminal.press("C-c")
        try terminal.waitFor("marginalia: interrupted")
        try terminal.waitFor("desk> ", count: 3)
        #expect(try sandbox.status().articles == 2)
    }

    /// A sync to a responder that reads slowly, interrupted once the progress line shows
    /// it under way: `interrupted` on a line of its own (the progress line ended first),
    /// the prompt comes back, both replicas verify, the receiver holds whole batches only,
    /// and the next sync completes.
    @Test func ctrlCStopsASyncCleanly() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (sandbox, slow) = (lab.sandbox, try SlowSync(lab))

        let terminal = try TerminalSession(sandbox)
        defer { terminal.close() }
        try terminal.waitFor("desk> ")
        try terminal.enter("sync \(shellQuote(slow.target))")
        try terminal.waitFor("sent 1000, received 0 changes")
        try terminal.press("C-c")
        let screen = try terminal.waitFor("desk> ", count: 2)
        let line = screen.split(separator: "\n").first { $0.contains("interrupted") }
        #expect(line.map { $0.trimmingCharacters(in: .whitespaces) } == "marginalia: interrupted", "\(screen)")

        try sandbox.expectVerified()
        let received = try slow.roadArticles(in: sandbox)
        #expect(received % 2_000 == 0 && received < 5_000, "\(received)")
        let verified = try sandbox.ok("--db", slow.road, "verify")
        #expect(verified.lines.first?.hasPrefix("ok: ") == true)

        try terminal.enter("sync \(slow.road)")
        try terminal.waitFor("desk> ", count: 3)
        #expect(try slow.roadArticles(in: sandbox) == 5_000)
    }
}
