import Foundation
import Testing

/// Issue 12's prose merge, end to end: two replicas rewrite the same phrase of an article
/// differently, sync, and the body is merged by hand, with the real binary and a real
/// $EDITOR (a script), one-shot and in the walk-through at a terminal (tmux).
@Suite("merging prose")
struct ProseMergeTests {
    static let base = "Chiến thắng Điện Biên Phủ năm 1954 là một mốc son lịch sử của dân tộc Việt Nam.\n\n"
        + "Chiến thắng ấy mở ra một thời kỳ mới cho cách mạng ở Đông Dương."

    static func expected(_ phrase: String) -> String { base.replacingOccurrences(of: "mốc son lịch sử", with: phrase) }

    /// laptop and office shared the article, then each replaced "mốc son lịch sử" in its
    /// own words, and they synced: the body is in conflict on laptop.
    static func rewrites() throws -> SharedArticle {
        let shared = try SharedArticle("Điện Biên Phủ", "--body", base)
        try shared.laptop.ok("replace", shared.article, "mốc son lịch sử", "mốc son rực rỡ")
        try shared.office.ok("replace", shared.article, "mốc son lịch sử", "dấu mốc quan trọng")
        #expect(try shared.laptop.sync(shared.office.path).newConflicts == 1)
        return shared
    }

    /// An $EDITOR in `lab`: a shell script running `command` on the file it is given.
    static func editor(_ command: String, in lab: SyncLab) throws -> String {
        let path = lab.path("editor-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\n\(command) \"$1\"\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// The article's body on `node`.
    static func body(on node: ReplicaNode, _ article: String) throws -> String {
        try node.json(ArticleDoc.self, "show", article, "--json").body
    }

    @Test func bothRewritesOfThePhraseAreOneConflict() throws {
        let r = try Self.rewrites()
        defer { r.lab.remove() }
        let result = try r.laptop.run(["resolve", r.article, "body", "--merge"], env: ["EDITOR": nil, "VISUAL": nil])
        #expect(result.status == Exit.failure, "\(result)")
        #expect(result.stdout == """
            Chiến thắng Điện Biên Phủ năm 1954 là một 
            <<<<<<< laptop
            mốc son rực rỡ
            ||||||| ancestor
            mốc son lịch sử
            =======
            dấu mốc quan trọng
            >>>>>>> office
             của dân tộc Việt Nam.

            Chiến thắng ấy mở ra một thời kỳ mới cho cách mạng ở Đông Dương.

            """, "\(result)")
        #expect(result.stderr.contains("left 1 conflict,"), "\(result)")
    }

    /// How a person settles the conflict in the editor, and the phrase that must end up
    /// in the sentence, exactly.
    static let settlements: [(sed: String, phrase: String)] = [
        // As in git: the other versions and every marker line deleted.
        (#"sed -i -e '/^<<<<<<< /,/^=======$/d' -e '/^>>>>>>> /d'"#, "dấu mốc quan trọng"),
        // The chosen version kept between <<<<<<< and >>>>>>>.
        (#"sed -i '/^||||||| /,/^>>>>>>> /{/^>>>>>>> /!d}'"#, "mốc son rực rỡ"),
        // The block replaced by new words.
        (#"sed -i '/^<<<<<<< /,/^>>>>>>> /c\dấu mốc son chói lọi'"#, "dấu mốc son chói lọi"),
    ]

    @Test(arguments: settlements.indices)
    func keepingOneVersionInTheEditorStoresExactlyTheSentence(_ index: Int) throws {
        let (sed, phrase) = Self.settlements[index]
        let r = try Self.rewrites()
        defer { r.lab.remove() }
        let result = try r.laptop.ok(["resolve", r.article, "body", "--merge"], env: ["EDITOR": try Self.editor(sed, in: r.lab), "VISUAL": nil])
        #expect(result.lines == ["resolved body of article \(r.article.prefix(8)): merged, conflicts settled by hand"])
        #expect(try Self.body(on: r.laptop, r.article) == Self.expected(phrase))
        // Both rewrites are gone, and the settled body syncs as it is.
        try r.laptop.sync(r.office.path)
        #expect(try Self.body(on: r.office, r.article) == Self.expected(phrase))
        #expect(try r.office.conflicts() == [])
    }

    /// The walk-through's `m` at a terminal: the merge (settled in the editor) is shown as
    /// a word diff against the value listed first and written only once confirmed.
    @Test func theWalkThroughShowsTheMergeAndAsksBeforeWriting() throws {
        let r = try Self.rewrites()
        defer { r.lab.remove() }
        let editor = try Self.editor(Self.settlements[2].sed, in: r.lab)
        let terminal = try TerminalSession(
            r.lab.sandbox, arguments: ["--db", r.laptop.path, "resolve", r.article, "body"],
            env: ["EDITOR": editor, "VISUAL": nil, "NO_COLOR": "1"])
        defer { terminal.close() }
        let question = "[1/1] 1, 2, m, e, d, s, q or ?: "
        try terminal.waitFor(question)
        try terminal.enter("m")
        var screen = try terminal.waitFor("write this? y or n: ")
        #expect(screen.contains("  the merge, as a word diff against value 1, by "), "\(screen)")
        #expect(screen.contains("chói lọi+}") && screen.contains(" của dân tộc Việt Nam."), "\(screen)")
        #expect(try Self.body(on: r.laptop, r.article) != Self.expected("dấu mốc son chói lọi"), "nothing is written before the answer")

        // No: nothing written, and the question comes again.
        try terminal.enter("n")
        screen = try terminal.waitFor(question, count: 2)
        #expect(screen.contains("not written"), "\(screen)")
        #expect(try r.laptop.conflicts().count == 1)

        // Yes: written.
        try terminal.enter("m")
        try terminal.waitFor("write this? y or n: ", count: 2)
        try terminal.enter("y")
        screen = try terminal.waitFor("resolved 1, skipped 0; 0 conflicts open")
        #expect(screen.contains("resolved body of article \(r.article.prefix(8)): merged, conflicts settled by hand"), "\(screen)")
        #expect(try terminal.waitForExit() == 0)
        #expect(try Self.body(on: r.laptop, r.article) == Self.expected("dấu mốc son chói lọi"))
    }

    /// The same in the REPL, whose readline prompt answers the question.
    @Test func theREPLsWalkThroughAsksBeforeWriting() throws {
        let r = try Self.rewrites()
        defer { r.lab.remove() }
        let editor = try Self.editor(Self.settlements[0].sed, in: r.lab)
        let terminal = try TerminalSession(
            r.lab.sandbox, arguments: ["--db", r.laptop.path], env: ["EDITOR": editor, "VISUAL": nil, "NO_COLOR": "1"])
        defer { terminal.close() }
        try terminal.waitFor("laptop [1 conflict]> ")
        try terminal.enter("resolve \(r.article) body")
        try terminal.waitFor("[1/1] 1, 2, m, e, d, s, q or ?: ")
        try terminal.enter("m")
        let screen = try terminal.waitFor("write this? y or n: ")
        #expect(screen.contains("  the merge, as a word diff against value 1, by "), "\(screen)")
        try terminal.enter("y")
        try terminal.waitFor("resolved 1, skipped 0; 0 conflicts open")
        try terminal.waitFor("\nlaptop> ")
        #expect(try Self.body(on: r.laptop, r.article) == Self.expected("dấu mốc quan trọng"))
    }
}
