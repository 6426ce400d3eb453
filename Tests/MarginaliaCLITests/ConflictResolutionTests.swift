import Foundation
import Testing

/// `conflict ID` and `resolve` end to end: two replicas edit the same article offline,
/// sync, look at the conflict and settle it; the resolution is an ordinary change that
/// syncs and leaves both replicas identical with no conflict left.
@Suite("conflict and resolve")
struct ConflictResolutionTests {
    static let base = "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng cao."
    // Each edits a different sentence of the body, so the merge is clean.
    static let laptopBody = "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng rất cao."
    static let officeBody = "Mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng cao."
    static let merged = "Mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng rất cao."

    /// Two replicas that shared an article and an annotation, then edited its title, body,
    /// source and note differently while apart, and synced: four field conflicts.
    struct Story {
        let lab: SyncLab
        let laptop: ReplicaNode
        let office: ReplicaNode
        let article: String
        let annotation: String

        init() throws {
            lab = try SyncLab()
            laptop = try lab.replica("laptop")
            office = try lab.replica("office")
            article = try laptop.newID("add", "Hà Nội: mưa lớn", "--body", ConflictResolutionTests.base, "--source", "https://a.example/1")
            annotation = try laptop.newID("annotate", article, "--quote", "Mực nước", "--note", "đo lúc 6h sáng")
            try laptop.sync(office.path)
            try laptop.ok("edit", article, "--title", "Hà Nội ngập", "--body-file", try file(ConflictResolutionTests.laptopBody),
                          "--source", "https://laptop.example/1")
            try laptop.ok("note", annotation, "đo lúc 7h sáng")
            try office.ok("edit", article, "--title", "Hà Nội: ngập sâu", "--body-file", try file(ConflictResolutionTests.officeBody),
                          "--source", "https://office.example/1")
            try office.ok("note", annotation, "đo lúc 8h sáng")
            #expect(try laptop.sync(office.path).newConflicts == 4)
        }

        var both: [ReplicaNode] { [laptop, office] }

        func file(_ text: String) throws -> String {
            let path = lab.path("text-\(UUID().uuidString).txt")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        /// An editor script that replaces the file it is given with `text`.
        func editor(writing text: String) throws -> String {
            let source = try file(text)
            let path = lab.path("editor-\(UUID().uuidString).sh")
            try Data("#!/bin/sh\ncp \(shellQuote(source)) \"$1\"\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }

        /// `article`'s JSON on `node`.
        func shown(on node: ReplicaNode) throws -> ArticleDoc {
            try node.json(ArticleDoc.self, "show", article, "--json")
        }
    }

    /// A command that must be refused on `node`: `status`, one line on standard error
    /// mentioning `mention`, nothing on standard output, and the replica unchanged.
    func expectRejected(
        _ node: ReplicaNode, _ arguments: [String], status: Int32, mentioning mention: String,
        env: [String: String?] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try node.fingerprint(sourceLocation: sourceLocation)
        let result = try node.run(arguments, env: env)
        #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", "\(result)", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1 && result.stderr.hasPrefix("marginalia: "), "\(result)",
                sourceLocation: sourceLocation)
        #expect(result.stderr.contains(mention), "\(result)", sourceLocation: sourceLocation)
        #expect(try node.fingerprint(sourceLocation: sourceLocation) == before, "changed by \(result)",
                sourceLocation: sourceLocation)
    }

    // MARK: conflict

    @Test func conflictShowsTheAncestorAndEachValueAsAWordDiff() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let created = "\(s.laptop.id):1"

        let wide = try s.laptop.ok("conflict", s.article, env: ["COLUMNS": "100"]).lines
        let body = try #require(wide.firstIndex { $0.hasSuffix("body has 2 values") }, "\(wide)")
        // The label is the displayed title: either one (equal Lamport times, so the replica id decides).
        #expect(wide[body].hasPrefix("article \(s.article.prefix(8)) “Hà Nội"), "\(wide)")
        #expect(wide[body + 1].hasPrefix("  ancestor · laptop · ") && wide[body + 1].hasSuffix(" · \(created)"), "\(wide)")
        #expect(wide[body + 2] == "     " + Self.base)
        // Side by side, numbered, with who wrote each.
        #expect(wide[body + 3].hasPrefix("  1) ") && wide[body + 3].contains(" │ 2) "), "\(wide)")
        #expect(wide[body + 3].contains("laptop · ") && wide[body + 3].contains("office · "), "\(wide)")
        let columns = wide[(body + 3)...].prefix { !$0.hasPrefix("  settle:") }.joined(separator: "\n")
        #expect(columns.contains("dâng {+rất +}cao"), "\(columns)")
        #expect(columns.contains("[-đường-]{+phố+}"), "\(columns)")
        #expect(wide.contains("  settle: marginalia resolve \(s.article.prefix(8)) body --take N | --ours | --theirs | --merge | --value TEXT"))
        #expect(wide.contains { $0.hasSuffix("source has 2 values") } && wide.contains { $0.hasSuffix("title has 2 values") })

        // A narrow terminal stacks the values.
        let narrow = try s.laptop.ok("conflict", s.article, env: ["COLUMNS": "50"]).lines
        #expect(narrow.allSatisfy { !$0.contains("│") && $0.count <= 50 }, "\(narrow)")
        #expect(narrow.contains { $0.hasPrefix("  1) ") } && narrow.contains { $0.hasPrefix("  2) ") }, "\(narrow)")

        // show flags the conflicted fields and points here.
        #expect(try s.laptop.ok("show", s.article).lines
            .contains("⚠ conflict: body, source, title (see 'marginalia conflict \(s.article.prefix(8))')"))

        // The note's conflict is the annotation's.
        let note = try s.office.ok("conflict", s.annotation).lines
        #expect(note.first == "annotation \(s.annotation.prefix(8)) “Mực nước”: note has 2 values", "\(note)")
        #expect(note.contains { $0.contains("{+7h+}") } && note.contains { $0.contains("{+8h+}") }, "\(note)")
    }

    @Test func conflictJSONHasTheAncestorAndDiffs() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let doc = try s.office.json(EntityConflictsDoc.self, "conflict", s.article, "--json")
        #expect(doc.entity == s.article && doc.entityKind == "article")
        #expect(doc.conflicts.map(\.field) == ["body", "source", "title"])
        let body = doc.conflicts[0]
        #expect(body.type == "field" && ["Hà Nội ngập", "Hà Nội: ngập sâu"].contains(body.label))
        #expect(body.ancestor?.value.string == Self.base && body.ancestor?.dot == "\(s.laptop.id):1")
        #expect(body.ancestor?.replicaName == "laptop")
        #expect(Set(body.values.compactMap(\.replicaName)) == ["office", "laptop"])
        let office = try #require(body.values.first { $0.replicaName == "office" })
        #expect(office.value.string == Self.officeBody)
        #expect(office.diff.map { "\($0.op):\($0.text)" } == [
            "equal:Mưa lớn kéo dài khiến nhiều tuyến ", "deleted:đường", "inserted:phố",
            "equal: ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng cao.",
        ])

        #expect(try s.office.ok("conflict", s.annotation, "--json").stdout.contains("\"field\":\"note\""))
        // Nothing open: an empty list, and a line for people.
        try s.office.ok("resolve", s.annotation, "note", "--take", "1")
        let none = try s.office.json(EntityConflictsDoc.self, "conflict", s.annotation, "--json")
        #expect(none.conflicts.isEmpty)
        #expect(try s.office.ok("conflict", s.annotation).lines == ["no open conflicts on annotation \(s.annotation)"])
    }

    // MARK: resolve ID FIELD

    @Test func mergeIsWrittenWhenCleanAndSyncsWithoutANewConflict() throws {
        let s = try Story()
        defer { s.lab.remove() }
        #expect(try s.laptop.ok("resolve", s.article, "body", "--merge").lines
            == ["resolved body of article \(s.article.prefix(8)): merged cleanly"])
        #expect(try s.shown(on: s.laptop).body == Self.merged)
        #expect(try s.laptop.conflicts().compactMap(\.field).sorted() == ["note", "source", "title"])

        // An ordinary change: its context covers both competing values.
        let last = try #require(try s.laptop.jsonLines(ChangeDoc.self, "log", "--json", "--limit", "1").first)
        #expect(last.context == [s.laptop.id: 4, s.office.id: 2], "\(last)")

        #expect(try s.laptop.sync(s.office.path).newConflicts == 0)
        for node in s.both {
            #expect(try s.shown(on: node).body == Self.merged, "\(node)")
            #expect(try node.conflicts().compactMap(\.field).sorted() == ["note", "source", "title"], "\(node)")
        }
        try expectConverged(s.both)
    }

    @Test func everyWayOfChoosingAValueSettlesAndConverges() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let titleValues = try s.laptop.json(EntityConflictsDoc.self, "conflict", s.article, "--json").conflicts[2].values
        try s.laptop.ok("resolve", s.article, "title", "--take", "2")
        // An empty source is no source.
        try s.laptop.ok("resolve", s.article, "source", "--value", "")
        try s.office.ok("resolve", s.annotation, "note", "--theirs")
        try s.office.ok("resolve", s.article, "body", "--value-file", try s.file("Nội dung đã thống nhất.\n"))
        // Each side settled two; the other two arrive settled, and no new one appears.
        #expect(try s.laptop.sync(s.office.path).newConflicts == 0)
        try expectConverged(s.both)
        for node in s.both {
            let article = try s.shown(on: node)
            #expect(article.title == titleValues[1].value.string, "\(node)")
            #expect(article.source == nil)
            #expect(article.body == "Nội dung đã thống nhất.\n")
            #expect(article.conflicts == [])
            #expect(try node.json(AnnotationDoc.self, "show", s.annotation, "--json").note == "đo lúc 7h sáng")
            #expect(try node.conflicts() == [] && node.status().conflicts == 0)
        }
    }

    @Test func conflictedMergeWithoutAnEditorPrintsTheMarkedText() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let before = try s.laptop.fingerprint()
        let result = try s.laptop.run(["resolve", s.annotation, "note", "--merge"], env: ["EDITOR": nil, "VISUAL": nil])
        #expect(result.status == Exit.failure, "\(result)")
        #expect(result.lines == [
            "đo lúc ", "<<<<<<< laptop", "7h", "||||||| ancestor", "6h", "=======", "8h", ">>>>>>> office", " sáng",
        ], "\(result)")
        #expect(result.errorLines.count == 1 && result.stderr.contains("left 1 conflict"), "\(result)")
        #expect(try s.laptop.fingerprint() == before)
    }

    @Test func conflictedMergeOpensTheEditorAndIsWrittenOnceTheMarkersAreGone() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let editor = try s.editor(writing: "đo lúc 7h30 sáng\n")
        let result = try s.laptop.ok(["resolve", s.annotation, "note", "--merge"], env: ["EDITOR": editor])
        #expect(result.lines == ["resolved note of annotation \(s.annotation.prefix(8)): merged, conflicts settled by hand"])
        // The line break the editor added at the end is not part of the note.
        #expect(try s.laptop.json(AnnotationDoc.self, "show", s.annotation, "--json").note == "đo lúc 7h30 sáng")

        // Markers left in: refused, nothing written. $VISUAL wins over $EDITOR.
        let lazy = try s.editor(writing: "<<<<<<< laptop\nx\n=======\ny\n>>>>>>> office\n")
        try expectRejected(s.office, ["resolve", s.annotation, "note", "--merge"], status: Exit.dataError,
                           mentioning: "still holds conflict markers", env: ["VISUAL": lazy, "EDITOR": editor])
        // An editor that fails: nothing written either.
        try expectRejected(s.office, ["resolve", s.annotation, "note", "--merge"], status: Exit.failure,
                           mentioning: "exited with status 1", env: ["EDITOR": "false"])
    }

    @Test func badInputIsRefusedWithOneLineAndNothingWritten() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let a = s.article
        try expectRejected(s.laptop, ["resolve", a, "colour", "--take", "1"], status: Exit.usage, mentioning: "'colour' is not a field")
        try expectRejected(s.laptop, ["resolve", a, "note", "--take", "1"], status: Exit.usage, mentioning: "not a field of an article")
        try expectRejected(s.laptop, ["resolve", a, "title", "--take", "3"], status: Exit.dataError, mentioning: "out of range (1 to 2)")
        try expectRejected(s.laptop, ["resolve", a, "title", "--take", "0"], status: Exit.usage, mentioning: "--take counts values from 1")
        try expectRejected(s.laptop, ["resolve", a, "title", "--ours", "--merge"], status: Exit.usage,
                           mentioning: "choose one way to resolve, not --ours and --merge")
        try expectRejected(s.laptop, ["resolve", "--merge"], status: Exit.usage, mentioning: "--merge needs the id")
        try expectRejected(s.laptop, ["resolve", a, "--merge"], status: Exit.usage, mentioning: "give the field to resolve: body, source, title")
        try expectRejected(s.laptop, ["resolve", a, "title", "--keep"], status: Exit.usage, mentioning: "--keep and --delete settle")
        try expectRejected(s.laptop, ["resolve", a, "--keep"], status: Exit.dataError, mentioning: "nothing to keep or delete")
        try expectRejected(s.laptop, ["resolve", a, "title", "--value", " "], status: Exit.dataError, mentioning: "the title is empty")
        try expectRejected(s.laptop, ["resolve", a, "title", "--value-file", "missing.txt"], status: Exit.noInput, mentioning: "missing.txt")
        try expectRejected(s.laptop, ["resolve", "zzzz", "title", "--take", "1"], status: Exit.failure, mentioning: "no article or annotation")
        // A field that is not (or no longer) in conflict.
        try s.laptop.ok("resolve", a, "title", "--take", "1")
        try expectRejected(s.laptop, ["resolve", a, "title", "--take", "1"], status: Exit.dataError, mentioning: "title of article \(a) is not in conflict")
        try expectRejected(s.laptop, ["resolve", a, "title"], status: Exit.dataError, mentioning: "is not in conflict")
    }

    @Test func theirsAndOursNeedAnUnambiguousValue() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let nodes = try ["one", "two", "three"].map { try lab.replica($0) }
        let article = try nodes[0].newID("add", "Start", "--body", "text")
        for node in nodes.dropFirst() { try nodes[0].sync(node.path) }
        for node in nodes.dropFirst() { try node.ok("edit", article, "--title", "Title of \(node.name)") }
        try nodes[1].sync(nodes[2].path)
        try nodes[0].sync(nodes[1].path)
        try expectRejected(nodes[0], ["resolve", article, "title", "--ours"], status: Exit.dataError,
                           mentioning: "this replica wrote none of the values of title")
        try expectRejected(nodes[0], ["resolve", article, "title", "--theirs"], status: Exit.dataError,
                           mentioning: "2 other replicas wrote values of title")
        try nodes[1].ok("resolve", article, "title", "--ours")
        #expect(try nodes[1].json(ArticleDoc.self, "show", article, "--json").title == "Title of two")
    }

    @Test func threeConcurrentBodiesMergeInTurn() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let nodes = try ["one", "two", "three"].map { try lab.replica($0) }
        // Each changes a different sentence.
        let article = try nodes[0].newID("add", "Ba bản", "--body", "Một. Hai. Ba. Bốn. Năm. Sáu.")
        for node in nodes.dropFirst() { try nodes[0].sync(node.path) }
        try nodes[0].ok("replace", article, "Hai", "HAI")
        try nodes[1].ok("replace", article, "Bốn", "BỐN")
        try nodes[2].ok("replace", article, "Sáu", "SÁU")
        try nodes[1].sync(nodes[2].path)
        try nodes[0].sync(nodes[1].path)
        #expect(try nodes[0].conflicts().first?.values?.count == 3)
        try nodes[0].ok("resolve", article, "body", "--merge")
        try nodes[0].sync(nodes[1].path)
        try nodes[0].sync(nodes[2].path)
        try expectConverged(nodes)
        for node in nodes {
            #expect(try node.json(ArticleDoc.self, "show", article, "--json").body == "Một. HAI. Ba. BỐN. Năm. SÁU.")
            #expect(try node.conflicts() == [])
        }
    }

    // MARK: edits concurrent with deletes

    enum Decision: String, CaseIterable, Sendable { case keep, delete }

    /// Two replicas that shared an article, which laptop has since deleted (not yet synced).
    static func deletion() throws -> SharedArticle {
        let shared = try SharedArticle("Bài viết", "--body", "một hai ba")
        try shared.laptop.ok("rm", shared.article)
        return shared
    }

    @Test(arguments: Decision.allCases)
    func anEditConcurrentWithADeleteIsKeptOrDeleted(_ decision: Decision) throws {
        let d = try Self.deletion()
        defer { d.lab.remove() }
        let (laptop, office, article) = (d.laptop, d.office, d.article)
        try office.ok("edit", article, "--title", "Giữ lại")
        #expect(try laptop.sync(office.path).newConflicts == 1)

        let shown = try laptop.ok("conflict", article).lines
        #expect(shown.first == "article \(article.prefix(8)) “Giữ lại”: edited on one replica while deleted on another")
        #expect(shown.contains { $0.hasPrefix("  1) ") } && shown.contains { $0.hasPrefix("  2) ") })
        #expect(shown.contains { $0.contains("deleted · laptop · ") } && shown.contains { $0.contains("kept · office · ") })
        #expect(shown.last == "  settle: marginalia resolve \(article.prefix(8)) --keep | --delete")
        try expectRejected(laptop, ["resolve", article, "--merge"], status: Exit.usage, mentioning: "choose --keep or --delete")

        #expect(try office.ok("resolve", article, "--\(decision.rawValue)").lines
            == ["\(decision == .keep ? "kept" : "deleted") article \(article.prefix(8))"])
        #expect(try office.sync(laptop.path).newConflicts == 0)
        try expectConverged([laptop, office])
        for node in [laptop, office] {
            #expect(try node.conflicts() == [])
            let listed = try node.jsonLines(ArticleSummaryDoc.self, "list", "--json")
            #expect(listed.map(\.state) == (decision == .keep ? ["live"] : []), "\(node)")
        }
    }

    @Test func anAnnotationMadeWhileItsArticleWasDeletedBringsItBack() throws {
        let d = try Self.deletion()
        defer { d.lab.remove() }
        let (laptop, office, article) = (d.laptop, d.office, d.article)
        let late = try office.newID("annotate", article, "--quote", "hai", "--note", "muộn")
        try office.sync(laptop.path)
        #expect(try laptop.ok("conflict", late).lines.contains("  1) keep it, bringing article \(article.prefix(8)) back"))
        #expect(try laptop.ok("resolve", late, "--keep").lines == ["kept annotation \(late.prefix(8))"])
        try laptop.sync(office.path)
        try expectConverged([laptop, office])
        for node in [laptop, office] {
            #expect(try node.conflicts() == [])
            #expect(try node.json(ArticleDoc.self, "show", article, "--json").annotations.map(\.id) == [late])
        }
    }

    // MARK: the walk-through

    @Test func theWalkThroughAsksAboutEachConflictWithPipedAnswers() throws {
        let s = try Story()
        defer { s.lab.remove() }
        // body: a wrong answer, an empty one (no default), help, the diff, then merge: shown,
        // declined, merged again and written. source: skip. title: take 1. note: merge
        // (conflicted, no editor), then take 2.
        let script = ["body": "x\n\n?\nd\nm\nn\nm\nmaybe\ny\n", "source": "s\n", "title": "1\n", "note": "m\n2\n"]
        let answers = try s.laptop.conflicts().compactMap { $0.field.flatMap { script[$0] } }.joined()
        let result = try s.laptop.ok(["resolve"], stdin: Data(answers.utf8), env: ["EDITOR": nil, "VISUAL": nil, "COLUMNS": "100"])
        let lines = result.lines
        let prompts = lines.filter { $0.hasPrefix("[") && $0.contains("] 1, 2, ") }
        #expect(prompts.count == 10, "\(result)")
        #expect(prompts.contains { $0.hasPrefix("[") && $0.hasSuffix("/4] 1, 2, m, e, d, s, q or ?: x") }, "\(result)")
        #expect(lines.contains("'x' is not an answer here: answer 1, 2, m, e, d, s, q or ?"))
        #expect(lines.contains("there is no default: answer 1, 2, m, e, d, s, q or ?"))
        #expect(lines.contains("  d  show each value as a diff against the ancestor"))
        #expect(lines.contains { $0.contains("[-đường-]{+phố+}") }, "\(result)")
        // m shows what it would write, as a word diff against the value listed first, and asks.
        let preview = try #require(lines.firstIndex { $0.hasPrefix("  the merge, as a word diff against value 1, by ") }, "\(result)")
        #expect(lines[preview + 1].hasPrefix("     ") && lines[preview + 1].contains("{+"), "\(result)")
        #expect(lines.filter { $0.hasPrefix("write this? y or n: ") } == [
            "write this? y or n: n", "write this? y or n: maybe", "write this? y or n: y",
        ], "\(result)")
        #expect(lines.contains("not written") && lines.contains("answer y to write the merge, n to go back"))
        #expect(lines.contains("resolved body of article \(s.article.prefix(8)): merged cleanly"))
        #expect(lines.contains { $0.hasPrefix("resolved title of article \(s.article.prefix(8)): took value 1") })
        #expect(lines.contains(">>>>>>> office") && lines.contains { $0.hasPrefix("not settled: the merge of note") })
        #expect(lines.contains { $0.hasPrefix("resolved note of annotation \(s.annotation.prefix(8)): took value 2") })
        #expect(lines.last == "resolved 3, skipped 1; 1 conflict open")
        #expect(try s.laptop.conflicts().compactMap(\.field) == ["source"])
        #expect(try s.shown(on: s.laptop).body == Self.merged)

        try s.laptop.sync(s.office.path)
        try expectConverged(s.both)
        #expect(try s.office.conflicts().compactMap(\.field) == ["source"])
    }

    @Test func theWalkThroughEditsByHand() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let editor = try s.editor(writing: "đo lúc 7 giờ 30\n")
        let result = try s.laptop.ok(["resolve", s.annotation], stdin: Data("e\n".utf8), env: ["EDITOR": editor])
        #expect(result.lines.contains("resolved note of annotation \(s.annotation.prefix(8)): edited by hand"), "\(result)")
        #expect(try s.laptop.json(AnnotationDoc.self, "show", s.annotation, "--json").note == "đo lúc 7 giờ 30")
        // Without an editor, `e` says so and asks again; the end of input stops the walk.
        let none = try s.laptop.ok(["resolve", s.article, "title"], stdin: Data("e\n".utf8), env: ["EDITOR": nil])
        #expect(none.lines.contains("not settled: set $VISUAL or $EDITOR to edit by hand"), "\(none)")
        #expect(none.lines.last == "resolved 0, skipped 0; 3 conflicts open")
    }

    @Test func theWalkThroughWorksAtATerminal() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let result = try s.lab.sandbox.runInTerminal(
            ["--db", s.laptop.path, "resolve"], typed: "1\n1\n1\n1\n", env: ["COLUMNS": "80", "LINES": "200"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\u{1B}[0;1;36m1) "), "coloured value numbers: \(result)")
        #expect(result.stdout.contains("[4/4] 1, 2, m, e, d, s, q or ?: "), "\(result)")
        #expect(result.stdout.hasSuffix("resolved 4, skipped 0; 0 conflicts open\n"), "\(result)")
        #expect(try s.laptop.conflicts() == [])
    }

    @Test func theWalkThroughStopsAtQOrTheEndOfInput() throws {
        let s = try Story()
        defer { s.lab.remove() }
        let stopped = try s.laptop.ok(["resolve"], stdin: Data("s\nq\n".utf8))
        #expect(stopped.lines.last == "resolved 0, skipped 1; 4 conflicts open", "\(stopped)")
        #expect(stopped.lines.filter { $0.hasPrefix("[") && $0.contains("] 1, 2, ") }.count == 2)
        let ended = try s.laptop.ok(["resolve"], stdin: Data("1\n".utf8))
        #expect(ended.lines.last == "resolved 1, skipped 0; 3 conflicts open", "\(ended)")
        // One field only.
        let one = try s.laptop.ok(["resolve", s.article, "title"], stdin: Data("2\n".utf8))
        #expect(one.lines.last == "resolved 1, skipped 0; 2 conflicts open", "\(one)")
        let none = try s.laptop.ok(["resolve"], stdin: Data("1\n1\n".utf8))
        #expect(none.lines.last == "resolved 2, skipped 0; 0 conflicts open", "\(none)")
        #expect(try s.laptop.ok("resolve").lines == ["no conflicts"])
    }
}

/// `conflict ID --json`.
struct EntityConflictsDoc: Decodable {
    struct Entry: Decodable {
        var type: String
        var field: String?
        var label: String
        var ancestor: Value?
        var values: [Value]
    }

    struct Value: Decodable {
        var value: JSONValue
        var dot: String
        var replica: String
        var replicaName: String?
        var time: String
        var diff: [Segment]

        enum CodingKeys: String, CodingKey {
            case value, dot, replica, time, diff
            case replicaName = "replica_name"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = try container.decode(JSONValue.self, forKey: .value)
            dot = try container.decode(String.self, forKey: .dot)
            replica = try container.decode(String.self, forKey: .replica)
            replicaName = try container.decodeIfPresent(String.self, forKey: .replicaName)
            time = try container.decode(String.self, forKey: .time)
            diff = try container.decodeIfPresent([Segment].self, forKey: .diff) ?? []
        }
    }

    struct Segment: Decodable {
        var op: String
        var text: String
    }

    var entity: String
    var entityKind: String
    var conflicts: [Entry]

    enum CodingKeys: String, CodingKey {
        case entity, conflicts
        case entityKind = "entity_kind"
    }
}
