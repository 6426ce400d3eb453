import Foundation
import Testing

@Suite("edit, replace, tag")
struct EditTests {
    @Test func editChangesTitleBodyAndSource() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Draft", "--body", "old body", "--source", "https://old.example")
        let path = try sandbox.write("new.txt", "brand new body\n")

        let result = try sandbox.ok("edit", id, "--title", "Final", "--body-file", path, "--source", "https://new.example")
        #expect(result.stdout == "")
        var article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == "Final")
        #expect(article.body == "brand new body\n")
        #expect(article.source == "https://new.example")
        let status = try sandbox.status()
        #expect(article.bodyRevision == "\(status.replica.id):2")
        #expect(status.changes == 2)

        try sandbox.ok("edit", id, "--source", "")
        article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.source == nil)
        #expect(article.title == "Final")
        try sandbox.expectVerified()
    }

    @Test func editRefusesNoOpsEmptyTitlesAndMissingOptions() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Same", "--body", "b")
        try sandbox.expectRejected("edit", id, "--title", "Same", status: Exit.failure, mentioning: "nothing to change")
        try sandbox.expectRejected("edit", id, "--title", "  ", status: Exit.dataError, mentioning: "the title is empty")
        try sandbox.expectUsageError("edit", id, mentioning: "nothing to edit")
    }

    @Test func replaceASinglePhrase() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Replace", "--body", "one two one three")
        let result = try sandbox.ok("replace", id, "two", "deux")
        #expect(result.lines == ["replaced 1 occurrence"])
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "one deux one three")
        try sandbox.expectVerified()
    }

    @Test func replaceAnAmbiguousPhraseNeedsAll() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Replace", "--body", "one two one three")
        let refused = try sandbox.expectRefusal(["replace", id, "one", "uno"], status: Exit.failure)
        #expect(refused.errorLines == [
            "marginalia: \"one\" occurs 2 times in the body; pass --all to replace every one, or --occurrence N for one",
            "  --occurrence 1  0-3  [one] two one three",
            "  --occurrence 2  8-11  one two [one] three",
        ], "\(refused)")
        try sandbox.expectRejected("replace", id, "four", "quatre", status: Exit.failure, mentioning: "does not occur")
        try sandbox.expectUsageError("replace", id, "one", "uno", "--all", "--occurrence", "1", mentioning: "not both")

        let result = try sandbox.ok("replace", id, "one", "uno", "--all")
        #expect(result.lines == ["replaced 2 occurrences"])
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "uno two uno three")
        #expect(try sandbox.status().changes == 2)
    }

    @Test func tagAddsAndRemoves() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Tags", "--body", "text", "--tag", "a", "--tag", "b")
        let annotation = try sandbox.id("annotate", id, "--quote", "text")

        let result = try sandbox.ok("tag", id, "+c", "-b", "+đọc")
        #expect(result.stdout == "")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").tags == ["a", "c", "đọc"])
        #expect(try sandbox.ok("list", "--tag", "đọc").lines.count == 1)
        #expect(try sandbox.ok("list", "--tag", "b").stdout == "")

        try sandbox.ok("tag", annotation, "+key")
        #expect(try sandbox.json(AnnotationDoc.self, "show", annotation, "--json").tags == ["key"])

        try sandbox.expectRejected("tag", id, "-zzz", status: Exit.failure, mentioning: "nothing to change")
        // Adding a tag that is present writes a new sibling (so a re-add survives a
        // concurrent removal elsewhere): it is recorded, and the tags stay the same.
        let before = try sandbox.status().changes
        try sandbox.ok("tag", id, "+a")
        #expect(try sandbox.status().changes == before + 1)
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").tags == ["a", "c", "đọc"])
        try sandbox.expectRejected("tag", id, "+two words", status: Exit.dataError, mentioning: "is not a valid tag")
        try sandbox.expectUsageError("tag", id, "plain", mentioning: "must start with + (add) or - (remove)")
        try sandbox.expectUsageError("tag", id, mentioning: "give tags")
        try sandbox.expectVerified()
    }
}
