import Foundation
import Testing

/// `marginalia` without a command and with standard input not a terminal: the commands
/// piped in run as a script, through the same grammar as one-shot use.
@Suite("REPL scripts")
struct REPLScriptTests {
    @Test func everyKindOfCommandRunsFromAScript() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let articles = try sandbox.copyExampleArticles()
        let other = sandbox.root.appendingPathComponent("other.db").path
        try sandbox.ok("--db", other, "init", "--name", "other")
        let bundle = sandbox.root.appendingPathComponent("notes.bundle").path
        let script = """
            init --name desk
            add 'Field notes' --tag field
            Mưa lớn ở Hà Nội.
            Mực nước sông dâng cao.
            .
            import \(articles)
            ls --tag field
            """
        let first = try sandbox.ok([], stdin: Data(script.utf8))
        #expect(first.lines.count == 6, "\(first)")
        let id = try #require(first.lines.dropFirst().first)
        #expect(first.lines.last == "\(id.prefix(8))  Field notes  #field", "\(first)")
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.body == "Mưa lớn ở Hà Nội.\nMực nước sông dâng cao.\n")
        #expect(article.title == "Field notes" && article.tags == ["field"])

        let rest = """
            show \(id)
            annotate \(id) --quote "sông" --note 'đo lúc 6h' --tag flood
            edit \(id) --title "Field notes, revised"; replace \(id) "dâng cao" "rút dần"
            tag \(id) +hanoi -field
            annotations \(id)
            search muc nuoc
            history \(id)
            log --limit 2
            status
            verify
            peer add other \(other)
            sync other
            peers
            conflicts
            bundle create \(bundle) --for other
            --db \(other) bundle apply \(bundle)
            rm \(id)
            """
        let result = try sandbox.script(rest)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")
        #expect(result.lines.contains("replaced 1 occurrence"), "\(result)")
        #expect(result.lines.contains { $0.hasPrefix("ok: ") }, "\(result)")
        #expect(result.lines.contains("no conflicts"), "\(result)")
        #expect(result.lines.contains("deleted article \(id)"), "\(result)")
        #expect(result.lines.contains { $0.hasPrefix("other  \(other)  last sync ") }, "\(result)")
        #expect(try sandbox.json(StatusDoc.self, "--db", other, "status", "--json").articles == 4)
        try sandbox.expectVerified()
    }

    @Test func commentsSemicolonsAndBlankLines() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let script = """
            # a script
            init --name desk   # the name

            add One --body 'a # not a comment'; add "Two; not split" --body "b"
              ;  ;
            ls
            """
        let result = try sandbox.ok([], stdin: Data(script.utf8))
        #expect(result.lines.count == 5, "\(result)")
        #expect(result.lines[0].hasPrefix("Created replica desk "))
        #expect(result.lines[3].hasSuffix("  Two; not split") && result.lines[4].hasSuffix("  One"), "\(result)")
        let one = try sandbox.json(ArticleDoc.self, "show", result.lines[1], "--json")
        #expect(one.body == "a # not a comment")
    }

    @Test func errorsAreNumberedAndTheScriptGoesOn() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let script = """
            add First --body one
            show zzzzzzzz
            shwo x

            add Second --body two --body-file x
            ls
            """
        let result = try sandbox.script(script)
        #expect(result.errorLines.count == 3, "\(result)")
        #expect(result.errorLines[0].hasPrefix("marginalia: line 2: "), "\(result)")
        #expect(result.errorLines[1] == "marginalia: line 3: unknown command 'shwo' (did you mean 'show'?)")
        #expect(result.errorLines[2].hasPrefix("marginalia: line 5: Unknown option '--body-file'"), "\(result)")
        #expect(result.errorLines[2].hasSuffix("(see 'help')"), "\(result)")
        // The last failure (a usage error) decides the exit status; every line ran.
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.lines.count == 2 && result.lines[1].hasSuffix("  First"), "\(result)")
    }

    @Test func theExitStatusIsTheLastFailures() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let usageThenMissing = try sandbox.script("bogus\nshow abcdabcd\nstatus\n")
        #expect(usageThenMissing.status == Exit.failure, "\(usageThenMissing)")
        let missingThenUsage = try sandbox.script("show abcdabcd\nbogus\nstatus\n")
        #expect(missingThenUsage.status == Exit.usage, "\(missingThenUsage)")
        #expect(try sandbox.script("status\n").status == 0)
    }

    @Test func bailStopsAtTheFirstErrorWithItsStatus() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let script = """
            add First --body one
            import /no/such/file.txt
            add Second --body two
            bogus
            """
        let result = try sandbox.script(script, arguments: ["--bail"])
        #expect(result.status == Exit.noInput, "\(result)")
        #expect(result.errorLines == ["marginalia: line 2: cannot read /no/such/file.txt: no such file"], "\(result)")
        #expect(result.lines.count == 1, "\(result)")
        #expect(try sandbox.status().articles == 1)
        // The same within one line: the command after ';' does not run.
        let semicolons = try sandbox.run(["--bail", "-c", "show zzzzzzzz; add Third --body x"])
        #expect(semicolons.status == Exit.failure, "\(semicolons)")
        #expect(try sandbox.status().articles == 1)
    }

    @Test func commandsFromTheArgument() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.ok("-c", "init --name desk; add 'Từ -c' --body x; ls")
        #expect(result.lines.count == 3, "\(result)")
        #expect(result.lines[2].hasSuffix("  Từ -c"))
        // -c ignores standard input: it is still there for nothing to read.
        let failing = try sandbox.run(["-c", "ls; rm abcdabcd"], stdin: Data("add Ignored\n".utf8))
        #expect(failing.status == Exit.failure, "\(failing)")
        #expect(failing.errorLines.count == 1 && failing.errorLines[0].hasPrefix("marginalia: line 1: "), "\(failing)")
        #expect(try sandbox.status().articles == 1)
    }

    @Test func quotingErrorsAreOneLineUsageErrors() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.script("add 'unterminated --body x\nadd \"also\nadd x --body y\\\nstatus\n")
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.errorLines == [
            "marginalia: line 1: unterminated single quote", "marginalia: line 2: unterminated double quote",
            "marginalia: line 3: the line ends with a lone backslash",
        ], "\(result)")
        #expect(try sandbox.status().articles == 0)
        // Quotes and escapes reach the command as a shell would pass them.
        let quoted = try sandbox.id("-c", #"add "a \"quoted\" title" --body 'it'\''s \n' "#)
        let article = try sandbox.json(ArticleDoc.self, "show", quoted, "--json")
        #expect(article.title == #"a "quoted" title"# && article.body == #"it's \n"#)
    }

    @Test func aTextBlockMustEnd() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.script("add Unfinished\nno dot\n")
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.errorLines == ["marginalia: line 1: the text ended before a line holding only '.'"], "\(result)")
        #expect(try sandbox.status().articles == 0)
    }

    @Test func theSessionsReplicaIsEveryCommands() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let other = sandbox.root.appendingPathComponent("other.db").path
        try sandbox.ok(["--db", other], stdin: Data("init --name other\nadd A --body x\nadd B --body y\n".utf8))
        #expect(try sandbox.json(StatusDoc.self, "--db", other, "status", "--json").articles == 2)
        // A command may still name a replica of its own (an existing one: --db never creates).
        try sandbox.ok("init")
        try sandbox.ok(["--db", other], stdin: Data("--db \(sandbox.db) add C --body z\n".utf8))
        #expect(try sandbox.status().articles == 1)
        // Options alone are not a command.
        let bare = try sandbox.script("--db \(other)\n")
        #expect(bare.status == Exit.usage && bare.errorLines.count == 1, "\(bare)")
        #expect(bare.stderr.contains("give a command"), "\(bare)")
    }

    @Test func exitAndQuitEndTheScript() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.ok([], stdin: Data("add A --body x\nexit\nadd B --body y\n".utf8))
        #expect(result.lines.count == 1)
        #expect(try sandbox.status().articles == 1)
        try sandbox.ok("-c", "quit; add C --body z")
        #expect(try sandbox.status().articles == 1)
    }

    @Test func helpListsCommandsAndShowsExamples() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let list = try sandbox.ok("-c", "help")
        #expect(list.stdout.contains("annotate") && list.stdout.contains("conflicts"), "\(list)")
        #expect(list.stdout.contains("IN THE REPL:"), "\(list)")
        let annotate = try sandbox.ok("-c", "help annotate")
        #expect(annotate.stdout.contains("USAGE: marginalia annotate <article>"), "\(annotate)")
        #expect(annotate.stdout.contains("EXAMPLES:\n  annotate e8gv --quote"), "\(annotate)")
        let reanchor = try sandbox.ok("-c", "help reanchor")
        #expect(reanchor.stdout.contains("USAGE: marginalia reanchor <annotation>"), "\(reanchor)")
        #expect(reanchor.stdout.contains("EXAMPLES:\n  reanchor jdx1 --quote"), "\(reanchor)")
        let tags = try sandbox.ok("-c", "help tags")
        #expect(tags.stdout.contains("EXAMPLES:\n  tags\n  tags --json"), "\(tags)")
        // The query language is explained where people look for it.
        let search = try sandbox.ok("-c", "help search")
        #expect(search.stdout.contains("lu OR lut") && search.stdout.contains("search lu OR lut title:ha"), "\(search)")
        let nested = try sandbox.ok("-c", "help bundle create")
        #expect(nested.stdout.contains("bundle create notes.bundle --for office"), "\(nested)")
    }

    @Test func unknownCommandsSuggestTheNearestOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.expectRejected("anotate", "x", status: Exit.usage, mentioning: "unknown command 'anotate' (did you mean 'annotate'?)")
        try sandbox.expectRejected("--db", sandbox.db, "stauts", status: Exit.usage, mentioning: "did you mean 'status'?")
        let far = try sandbox.expectRejected("frobnicate", status: Exit.usage, mentioning: "unknown command 'frobnicate'")
        #expect(!far.stderr.contains("did you mean"))
    }

    @Test func withoutInputNothingRuns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.ok()
        #expect(result.stdout == "")
    }
}

extension Sandbox {
    /// Runs `marginalia arguments` with `text` piped to standard input as a script.
    func script(_ text: String, arguments: [String] = []) throws -> RunResult {
        try run(arguments, stdin: Data(text.utf8))
    }
}
