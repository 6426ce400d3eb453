import Foundation
import Testing

@Suite("add")
struct AddTests {
    @Test func addWithBodyPrintsTheIdAndStoresEverything() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id(
            "add", "  Field notes  ", "--body", "First line.\n\nSecond paragraph.", "--source", "https://example.org/a",
            "--tag", "reading", "--tag", "draft")

        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.id == id)
        #expect(article.title == "Field notes")
        #expect(article.body == "First line.\n\nSecond paragraph.")
        #expect(article.source == "https://example.org/a")
        #expect(article.tags == ["draft", "reading"])
        #expect(article.state == "live")
        #expect(article.conflicts.isEmpty)
        #expect(article.annotations.isEmpty)
        let status = try sandbox.status()
        #expect(article.bodyRevision == "\(status.replica.id):1")
        #expect(status.articles == 1 && status.changes == 1)
        try sandbox.expectVerified()
    }

    @Test func addReadsTheBodyFromAFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write("body.txt", "Nội dung từ tệp.\nDòng hai.\n")
        let id = try sandbox.id("add", "From a file", "--file", path)
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "Nội dung từ tệp.\nDòng hai.\n")

        // A path relative to the working directory works too.
        let relative = try sandbox.id("add", "Relative", "--file", "body.txt")
        #expect(try sandbox.json(ArticleDoc.self, "show", relative, "--json").body == "Nội dung từ tệp.\nDòng hai.\n")
    }

    @Test func addReadsTheBodyFromPipedStandardInput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Piped", stdin: "piped body ☕\n")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "piped body ☕\n")
    }

    @Test func bodyOptionWinsOverStandardInput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Both", "--body", "from the option", stdin: "from the pipe")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body == "from the option")
    }

    @Test func addWithoutAnyBodyStoresAnEmptyBody() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Title only")  // standard input is /dev/null
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.body == "")
        #expect(article.source == nil)
        #expect(try sandbox.ok("list").lines == ["\(id.prefix(8))  Title only"])
    }

    /// `list` prints one line per article, so a title cannot carry a line break into it
    /// (refusing such a title or flattening it would both do).
    @Test func aTitleWithALineBreakDoesNotBreakTheList() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        try sandbox.expectRejected(
            "add", "First line\nSecond line", "--body", "b", status: Exit.dataError, mentioning: "titles are one line")
        try sandbox.expectRejected("add", "Bell\u{07}", "--body", "b", status: Exit.dataError, mentioning: "titles are one line")
        let listed = try sandbox.jsonLines(ArticleSummaryDoc.self, "list", "--json")
        #expect(try sandbox.ok("list").lines.count == listed.count)
        #expect(listed.allSatisfy { !$0.title.unicodeScalars.contains { $0.properties.generalCategory == .control } })
    }

    @Test func bodyAndFileTogetherAreAUsageError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        let path = try sandbox.write("body.txt", "x")
        try sandbox.expectUsageError("add", "T", "--body", "b", "--file", path, mentioning: "not both")
    }

    @Test func addRefusesAnInvalidTag() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        try sandbox.expectRejected(
            "add", "T", "--body", "b", "--tag", "two words", status: Exit.dataError, mentioning: "is not a valid tag")
        try sandbox.expectRejected(
            "add", "T", "--body", "b", "--tag", "a,b", status: Exit.dataError, mentioning: "is not a valid tag")
    }
}
