import Foundation
import Testing

/// Concurrent edits on two or three replicas, met through sync: every field type
/// conflicts visibly on both sides (`conflicts`, `conflicts --json`, `status`), and a
/// plain edit of the conflicted field resolves it everywhere after the next sync.
@Suite("conflicts through sync")
struct SyncConflictTests {
    /// Two replicas sharing one article (with an annotation) through a first sync.
    struct Pair {
        let lab: SyncLab
        let x: ReplicaNode
        let y: ReplicaNode
        let article: String
        let annotation: String

        init(tags: [String] = []) throws {
            lab = try SyncLab()
            x = try lab.replica("xray")
            y = try lab.replica("yank")
            article = try x.newID(
                ["add", "Base title", "--body", "alpha beta gamma delta", "--source", "https://example.org/base"]
                    + tags.flatMap { ["--tag", $0] })
            annotation = try x.newID("annotate", article, "--quote", "beta", "--note", "base note")
            try x.sync(y.path)
        }

        var both: [ReplicaNode] { [x, y] }

        /// `edit --body-file` on `node` with a body without the annotated "beta": the
        /// edit says it removes that highlight.
        func replaceBody(on node: ReplicaNode, with text: String) throws {
            let result = try node.run("edit", article, "--body-file", try bodyFile(text))
            #expect(result.status == 0, "\(node.name): \(result)")
            #expect(result.errorLines == ["this edit removes 1 highlight (kept; see 'marginalia show \(article.prefix(8))')"])
        }

        /// Writes `text` to a file and returns its path (for `edit --body-file`).
        func bodyFile(_ text: String) throws -> String {
            let path = lab.path("body-\(UUID().uuidString).txt")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// The change of `node`'s log with dot `dot`.
    func change(_ dot: String, in node: ReplicaNode) throws -> ChangeDoc? {
        try node.jsonLines(ChangeDoc.self, "log", "--json", "--limit", "100000").first { "\($0.replica):\($0.counter)" == dot }
    }

    /// `node`'s own counter for its latest change.
    func lastDot(of node: ReplicaNode) throws -> String {
        "\(node.id):\(try node.status().knowledge[node.id] ?? 0)"
    }

    @Test func articleFieldsConflictAndEditsResolveThem() throws {
        let p = try Pair()
        defer { p.lab.remove() }
        try p.x.ok("edit", p.article, "--title", "Tiêu đề từ X", "--source", "https://x.example/tin")
        let xTitle = try lastDot(of: p.x)
        try p.replaceBody(on: p.x, with: "Nội dung từ X.\n")
        let xBody = try lastDot(of: p.x)
        try p.y.ok("edit", p.article, "--title", "Title from Y", "--source", "https://y.example/news")
        let yTitle = try lastDot(of: p.y)
        try p.replaceBody(on: p.y, with: "Body from Y.\n")
        let yBody = try lastDot(of: p.y)

        let summary = try p.x.sync(p.y.path)
        #expect(summary.newConflicts == 3)
        #expect((summary.sent, summary.received) == (2, 2))
        try expectConverged(p.both)

        let expected: [String: Set<String>] = [
            "title": ["Tiêu đề từ X|\(xTitle)|xray", "Title from Y|\(yTitle)|yank"],
            "source": ["https://x.example/tin|\(xTitle)|xray", "https://y.example/news|\(yTitle)|yank"],
            "body": ["Nội dung từ X.\n|\(xBody)|xray", "Body from Y.\n|\(yBody)|yank"],
        ]
        for node in p.both {
            #expect(try node.status().conflicts == 3, "\(node)")
            let conflicts = try node.conflicts()
            #expect(conflicts.count == 3, "\(node): \(conflicts)")
            #expect(Set(conflicts.compactMap(\.field)) == ["title", "source", "body"])
            for conflict in conflicts {
                #expect(conflict.type == "field" && conflict.entity == p.article && conflict.entityKind == "article")
                #expect(conflict.article == nil)
                let values = try #require(conflict.values)
                #expect(values.count == 2)
                let described = Set(values.map { "\($0.value.string ?? "?")|\($0.dot)|\($0.replicaName ?? "?")" })
                #expect(described == expected[conflict.field ?? ""], "\(node) \(conflict)")
                for value in values {
                    #expect(value.dot.hasPrefix(value.replica + ":"))
                    let made = try #require(try change(value.dot, in: node))
                    #expect(value.time == made.isoTime, "\(value)")
                }
            }
            let article = try node.json(ArticleDoc.self, "show", p.article, "--json")
            #expect(article.conflicts == ["body", "source", "title"])
            #expect(article.state == "live")
            #expect(try node.ok("list").stdout.contains("⚠ conflict: body, source, title"))
            let human = try node.ok("conflicts").lines
            #expect(human.count == 9, "\(human)")
            #expect(human.contains { $0.hasPrefix("article \(p.article.prefix(8)) “") && $0.hasSuffix("”: title has 2 values") },
                    "\(human)")
            #expect(human.contains { $0.hasPrefix("    “Title from Y”  by yank at ") && $0.hasSuffix(" (\(yTitle))") },
                    "\(human)")
            #expect(human.contains { $0.hasPrefix("    “Tiêu đề từ X”  by xray at ") && $0.hasSuffix(" (\(xTitle))") },
                    "\(human)")
            #expect(try node.ok("status").lines.contains("conflicts   3"))
        }

        // Resolve the title on y and the body on x; the source stays in conflict.
        try p.y.ok("edit", p.article, "--title", "Agreed title")
        try p.x.ok("edit", p.article, "--body-file", try p.bodyFile("Agreed body.\n"))
        #expect(try p.y.conflicts().compactMap(\.field).sorted() == ["body", "source"])
        #expect(try p.x.conflicts().compactMap(\.field).sorted() == ["source", "title"])
        try p.y.sync(p.x.path)
        for node in p.both {
            #expect(try node.conflicts().compactMap(\.field) == ["source"], "\(node)")
            #expect(try node.status().conflicts == 1)
        }
        // Clearing the source is an edit too.
        try p.x.ok("edit", p.article, "--source", "")
        try p.x.sync(p.y.path)
        try expectConverged(p.both)
        for node in p.both {
            #expect(try node.conflicts() == [])
            #expect(try node.ok("conflicts").lines == ["no conflicts"])
            #expect(try node.status().conflicts == 0)
            let article = try node.json(ArticleDoc.self, "show", p.article, "--json")
            #expect(article.title == "Agreed title" && article.body == "Agreed body.\n" && article.source == nil)
            #expect(article.conflicts == [])
        }
    }

    /// A sync's summary says which conflicts it brought and which it settled (here a
    /// resolution made on the other side), so the count it leaves is accounted for.
    @Test func theSummarySaysWhatASyncSettled() throws {
        let p = try Pair()
        defer { p.lab.remove() }
        try p.x.ok("edit", p.article, "--title", "Tiêu đề X", "--source", "https://x.example/tin")
        try p.y.ok("edit", p.article, "--title", "Tiêu đề Y", "--source", "https://y.example/tin")
        #expect(try p.x.sync(p.y.path).newConflicts == 2)
        try p.y.ok("resolve", p.article, "title", "--take", "1")
        try p.y.ok("resolve", p.article, "source", "--ours")
        try p.y.ok("note", p.annotation, "ghi chú Y")
        try p.x.ok("note", p.annotation, "ghi chú X")
        let result = try p.x.ok("sync", p.y.path)
        #expect(result.lines == ["synced with yank (\(p.y.id)): sent 1, received 3, 1 new conflict, 2 settled"])
        // Both sides now hold the note conflict: y, the responder, met it in the same session.
        for node in p.both { #expect(try node.conflicts().map(\.field) == ["note"], "\(node)") }
        try expectConverged(p.both)
    }

    @Test func equalValuesDoNotConflict() throws {
        let p = try Pair()
        defer { p.lab.remove() }
        try p.x.ok("edit", p.article, "--title", "Same title")
        try p.y.ok("edit", p.article, "--title", "Same title")
        #expect(try p.x.sync(p.y.path).newConflicts == 0)
        for node in p.both {
            #expect(try node.conflicts() == [])
            #expect(try node.json(ArticleDoc.self, "show", p.article, "--json").title == "Same title")
        }
        try expectConverged(p.both)
    }

    @Test func annotationNotesConflictAndANoteResolvesThem() throws {
        let p = try Pair()
        defer { p.lab.remove() }
        try p.x.ok("note", p.annotation, "ghi chú của X")
        let xDot = try lastDot(of: p.x)
        try p.y.ok("note", p.annotation, "Y's note")
        let yDot = try lastDot(of: p.y)
        // Through bundles this time.
        let toY = p.lab.path("x.bundle")
        let toX = p.lab.path("y.bundle")
        try p.x.createBundle(toY, for: p.y.id)
        try p.y.createBundle(toX, for: p.x.id)
        #expect(try p.y.apply(toY).newConflicts == 1)
        #expect(try p.x.apply(toX).newConflicts == 1)
        try expectConverged(p.both)
        for node in p.both {
            let conflicts = try node.conflicts()
            #expect(conflicts.count == 1)
            let conflict = try #require(conflicts.first)
            #expect(conflict.type == "field" && conflict.field == "note" && conflict.entityKind == "annotation")
            #expect(conflict.entity == p.annotation && conflict.label == "beta")
            let values = Set((conflict.values ?? []).map { "\($0.value.string ?? "?")|\($0.dot)|\($0.replicaName ?? "?")" })
            #expect(values == ["ghi chú của X|\(xDot)|xray", "Y's note|\(yDot)|yank"])
            #expect(try node.json(AnnotationDoc.self, "show", p.annotation, "--json").conflicts == ["note"])
            #expect(try node.status().conflicts == 1)
            #expect(try node.ok("conflicts").lines.first == "annotation \(p.annotation.prefix(8)) “beta”: note has 2 values")
        }
        try p.y.ok("note", p.annotation, "merged note")
        try p.y.sync(p.x.path)
        try expectConverged(p.both)
        for node in p.both {
            #expect(try node.conflicts() == [])
            let annotation = try node.json(AnnotationDoc.self, "show", p.annotation, "--json")
            #expect(annotation.note == "merged note" && annotation.conflicts == [])
        }
    }

    /// Two replicas re-anchoring one annotation by hand: the anchors conflict like any
    /// field, the displayed one is placed alike on both, and a reanchor settles it.
    @Test func competingReanchorsConflictAndAReanchorResolvesThem() throws {
        let p = try Pair()
        defer { p.lab.remove() }
        try p.x.ok("reanchor", p.annotation, "--quote", "gamma")
        try p.y.ok("reanchor", p.annotation, "--quote", "delta")
        #expect(try p.x.sync(p.y.path).newConflicts == 1)
        try expectConverged(p.both)
        let shown = try p.both.map { try $0.json(AnnotationDoc.self, "show", p.annotation, "--json") }
        #expect(shown.map(\.conflicts) == [["anchor"], ["anchor"]])
        #expect(shown[0].start == shown[1].start && shown[0].status == "exact" && shown[1].status == "exact")
        #expect(try p.x.conflicts().map(\.field) == ["anchor"])

        try p.y.ok("reanchor", p.annotation, "--range", "0-5")
        try p.y.sync(p.x.path)
        try expectConverged(p.both)
        for node in p.both {
            let annotation = try node.json(AnnotationDoc.self, "show", p.annotation, "--json")
            #expect((annotation.quote, annotation.start, annotation.conflicts) == ("alpha", 0, []))
        }
    }

    @Test func threeConcurrentTitles() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let nodes = try ["one", "two", "three"].map { try lab.replica($0) }
        let article = try nodes[0].newID("add", "Start", "--body", "text")
        try nodes[0].sync(nodes[1].path)
        try nodes[0].sync(nodes[2].path)
        for node in nodes { try node.ok("edit", article, "--title", "Title of \(node.name)") }
        try nodes[0].sync(nodes[1].path)
        try nodes[1].sync(nodes[2].path)
        try nodes[0].sync(nodes[2].path)
        try nodes[0].sync(nodes[1].path)
        try expectConverged(nodes)
        for node in nodes {
            let conflicts = try node.conflicts()
            #expect(conflicts.count == 1 && conflicts.first?.field == "title")
            #expect(Set(conflicts.first?.values?.compactMap(\.replicaName) ?? []) == ["one", "two", "three"])
            #expect(Set(conflicts.first?.values?.compactMap(\.value.string) ?? [])
                    == ["Title of one", "Title of two", "Title of three"])
        }
        try nodes[2].ok("edit", article, "--title", "Final")
        try nodes[2].sync(nodes[0].path)
        try nodes[0].sync(nodes[1].path)
        try expectConverged(nodes)
        for node in nodes { #expect(try node.conflicts() == []) }
    }

    enum Resolution: String, CaseIterable, Sendable { case edit, remove }

    @Test(arguments: Resolution.allCases)
    func articleEditedWhileDeleted(resolvedBy resolution: Resolution) throws {
        let p = try Pair(tags: ["keep"])
        defer { p.lab.remove() }
        let removed = try p.x.ok("rm", p.article)
        #expect(removed.lines == ["deleted article \(p.article)"])
        let xDot = try lastDot(of: p.x)
        try p.y.ok("edit", p.article, "--title", "Saved by Y")
        let yDot = try lastDot(of: p.y)
        #expect(try p.x.sync(p.y.path, extra: []).newConflicts == 1)
        try expectConverged(p.both)
        for node in p.both {
            let conflicts = try node.conflicts()
            #expect(conflicts.count == 1, "\(node): \(conflicts)")
            let conflict = try #require(conflicts.first)
            #expect(conflict.type == "edited_while_deleted" && conflict.entityKind == "article")
            #expect(conflict.entity == p.article && conflict.label == "Saved by Y" && conflict.field == nil)
            let values = Set((conflict.values ?? []).map { "\($0.value)|\($0.dot)|\($0.replicaName ?? "?")" })
            #expect(values == ["\(JSONValue.bool(true))|\(yDot)|yank", "\(JSONValue.bool(false))|\(xDot)|xray"])
            #expect(try node.status().conflicts == 1)
            let article = try node.json(ArticleDoc.self, "show", p.article, "--json")
            #expect(article.state == "contested" && article.title == "Saved by Y" && article.tags == ["keep"])
            #expect(try node.jsonLines(ArticleSummaryDoc.self, "list", "--json").map(\.state) == ["contested"])
            let human = try node.ok("conflicts").lines
            #expect(human.first == "article \(p.article.prefix(8)) “Saved by Y”: edited on one replica while deleted on another")
            #expect(human.contains { $0.hasPrefix("    kept  by yank at ") && $0.hasSuffix("(\(yDot))") }, "\(human)")
            #expect(human.contains { $0.hasPrefix("    deleted  by xray at ") && $0.hasSuffix("(\(xDot))") }, "\(human)")
            // The deletion took the annotation with it; nobody edited that one.
            #expect(try node.jsonLines(AnnotationDoc.self, "annotations", "--json").isEmpty)
        }

        switch resolution {
        case .edit:
            try p.x.ok("edit", p.article, "--title", "Kept after all")
            try p.x.sync(p.y.path)
            for node in p.both {
                let article = try node.json(ArticleDoc.self, "show", p.article, "--json")
                #expect(article.state == "live" && article.title == "Kept after all")
            }
        case .remove:
            try p.y.ok("rm", p.article)
            try p.y.sync(p.x.path)
            for node in p.both {
                #expect(try node.jsonLines(ArticleSummaryDoc.self, "list", "--json").isEmpty)
                #expect(try node.run("show", p.article).status == Exit.failure)
            }
        }
        try expectConverged(p.both)
        for node in p.both {
            #expect(try node.conflicts() == [])
            #expect(try node.status().conflicts == 0)
        }
    }

    @Test func annotationEditedWhileDeleted() throws {
        let p = try Pair()
        defer { p.lab.remove() }
        #expect(try p.y.ok("rm", p.annotation).lines == ["deleted annotation \(p.annotation)"])
        try p.x.ok("note", p.annotation, "still needed")
        try p.y.sync("exec:\(shellQuote(SyncLab.binary)) --db \(shellQuote(p.x.path)) serve --stdio")
        try expectConverged(p.both)
        for node in p.both {
            let conflicts = try node.conflicts()
            #expect(conflicts.count == 1)
            #expect(conflicts.first?.type == "edited_while_deleted" && conflicts.first?.entityKind == "annotation")
            #expect(conflicts.first?.entity == p.annotation && conflicts.first?.label == "beta")
            #expect(Set(conflicts.first?.values?.compactMap(\.replicaName) ?? []) == ["xray", "yank"])
            #expect(try node.json(AnnotationDoc.self, "show", p.annotation, "--json").state == "contested")
            #expect(try node.status().conflicts == 1)
        }
        try p.y.ok("note", p.annotation, "agreed: keep it")
        try p.y.sync(p.x.path)
        try expectConverged(p.both)
        for node in p.both {
            #expect(try node.conflicts() == [])
            let annotation = try node.json(AnnotationDoc.self, "show", p.annotation, "--json")
            #expect(annotation.state == "live" && annotation.note == "agreed: keep it")
        }
    }

    @Test func annotationAddedWhileItsArticleWasDeleted() throws {
        let p = try Pair()
        defer { p.lab.remove() }
        try p.x.ok("rm", p.article)
        let late = try p.y.newID("annotate", p.article, "--quote", "gamma", "--note", "added late")
        #expect(try p.y.sync(p.x.path).newConflicts == 1)
        try expectConverged(p.both)
        for node in p.both {
            let conflicts = try node.conflicts()
            #expect(conflicts.count == 1, "\(node): \(conflicts)")
            let conflict = try #require(conflicts.first)
            #expect(conflict.type == "annotation_on_deleted_article" && conflict.entityKind == "annotation")
            #expect(conflict.entity == late && conflict.article == p.article && conflict.label == "gamma")
            #expect(conflict.values == nil && conflict.field == nil)
            #expect(try node.status().conflicts == 1)
            #expect(try node.ok("conflicts").lines == [
                "annotation \(late.prefix(8)) “gamma”: annotates article \(p.article.prefix(8)), deleted meanwhile",
            ])
        }
        // Deleting the stray annotation settles it.
        try p.x.ok("rm", late)
        try p.x.sync(p.y.path)
        try expectConverged(p.both)
        for node in p.both { #expect(try node.conflicts() == []) }
    }

    @Test func tagsAreAnAddWinsSet() throws {
        let p = try Pair(tags: ["keep", "t", "gone"])
        defer { p.lab.remove() }
        try p.x.ok("tag", p.annotation, "+ann")
        try p.x.sync(p.y.path)
        try p.x.ok("tag", p.article, "-t", "-gone", "+both")
        try p.y.ok("tag", p.article, "+t", "+both", "+new")
        try p.x.ok("tag", p.annotation, "-ann")
        try p.y.ok("tag", p.annotation, "+ann", "+other")
        #expect(try p.y.sync(p.x.path).newConflicts == 0)
        try expectConverged(p.both)
        for node in p.both {
            // t: removed on x while re-added on y, so it stays; gone: removed, nobody re-added it.
            #expect(try node.json(ArticleDoc.self, "show", p.article, "--json").tags == ["both", "keep", "new", "t"])
            #expect(try node.json(AnnotationDoc.self, "show", p.annotation, "--json").tags == ["ann", "other"])
            #expect(try node.conflicts() == [])
        }
        // A removal that saw the addition wins.
        try p.x.ok("tag", p.article, "-t")
        try p.x.sync(p.y.path)
        for node in p.both {
            #expect(try node.json(ArticleDoc.self, "show", p.article, "--json").tags == ["both", "keep", "new"])
        }
        try expectConverged(p.both)
    }
}
