import Foundation
import Testing

@Suite("import, list")
struct ImportListTests {
    static let vietnameseTitle = "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu"
    static let mixedTitle = "Cà phê sữa đá, a small ritual"
    static let englishTitle = "Reading in the margins"

    @Test func importsTheThreeSampleFilesOneByOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyExampleArticles()

        let result = try sandbox.ok(
            "import", "\(folder)/ha-noi-mua-lu.txt", "\(folder)/reading-in-the-margins.md", "\(folder)/cafe-sua-da.txt")
        try #require(result.lines.count == 3)
        #expect(result.lines.allSatisfy(Sandbox.isID))

        let vietnamese = try sandbox.json(ArticleDoc.self, "show", result.lines[0], "--json")
        #expect(vietnamese.title == Self.vietnameseTitle)
        #expect(vietnamese.body.hasPrefix("Sau gần sáu giờ mưa liên tục"))
        #expect(vietnamese.body.hasSuffix("để được hỗ trợ…"))

        let english = try sandbox.json(ArticleDoc.self, "show", result.lines[1], "--json")
        #expect(english.title == Self.englishTitle)
        #expect(english.body.hasPrefix("There is a particular pleasure"))
        #expect(english.body.contains("\n## Why bother writing it down\n"))
        #expect(!english.body.contains("# Reading in the margins"))

        let mixed = try sandbox.json(ArticleDoc.self, "show", result.lines[2], "--json")
        #expect(mixed.title == Self.mixedTitle)
        #expect(mixed.body.hasPrefix("Every morning the same woman"))
        #expect(mixed.body.hasSuffix("I will be back tomorrow 🇻🇳."))
        try sandbox.expectVerified()
    }

    @Test func importsADirectoryInNameOrderWithTags() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyExampleArticles()
        try sandbox.write("articles/notes.json", "{\"not\": \"an article\"}")
        try sandbox.write("articles/image.png", "not text either")

        let result = try sandbox.ok("import", folder, "--tag", "samples", "--tag", "2024")
        try #require(result.lines.count == 3, "\(result)")
        let titles = try result.lines.map { try sandbox.json(ArticleDoc.self, "show", $0, "--json").title }
        // cafe-sua-da.txt, ha-noi-mua-lu.txt, reading-in-the-margins.md
        #expect(titles == [Self.mixedTitle, Self.vietnameseTitle, Self.englishTitle])

        let listed = try sandbox.jsonLines(ArticleSummaryDoc.self, "list", "--json")
        #expect(Set(listed.map(\.id)) == Set(result.lines))
        #expect(listed.allSatisfy { $0.tags == ["2024", "samples"] && $0.state == "live" && $0.annotationCount == 0 })
        #expect(try sandbox.status().changes == 3)
        try sandbox.expectVerified()
    }

    @Test func plainTextTitleIsTheFirstNonBlankLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write("note.txt", "\n   \n  The real title  \n\n\nFirst paragraph.\n\nSecond.\n\n")
        let id = try sandbox.id("import", path)
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == "The real title")
        #expect(article.body == "First paragraph.\n\nSecond.")
    }

    @Test func plainTextWithWindowsLineEndingsAndAByteOrderMark() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write("windows.txt", "\u{FEFF}Title\r\n\r\nLine one\r\nLine two\r\n")
        let id = try sandbox.id("import", path)
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == "Title")
        #expect(article.body == "Line one\nLine two")
    }

    @Test func markdownTitleIsTheFirstLevelOneHeading() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write(
            "post.md", "Some preface.\n\n## Not the title\n\n# The Title #\n\nBody text.\n\n# Second heading\n")
        let id = try sandbox.id("import", path)
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == "The Title")
        #expect(article.body.hasPrefix("Some preface."))
        #expect(article.body.contains("## Not the title"))
        #expect(article.body.hasSuffix("# Second heading"))
        #expect(!article.body.contains("The Title"))
    }

    @Test func markdownWithoutAHeadingFallsBackToTheFirstLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write("plain.markdown", "\nJust a line\n#hashtag is not a heading\n")
        let id = try sandbox.id("import", path)
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == "Just a line")
        #expect(article.body == "#hashtag is not a heading")
    }

    @Test func listAndLsShowArticlesNewestFirstWithTagsAndCounts() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let old = try sandbox.id("add", "Older", "--body", "alpha beta", "--tag", "x")
        let new = try sandbox.id("add", "Newer", "--body", "gamma", "--tag", "y", "--tag", "x")
        try sandbox.id("annotate", old, "--quote", "beta")
        try sandbox.id("annotate", old, "--quote", "alpha")

        let list = try sandbox.ok("list")
        #expect(list.lines == [
            "\(new.prefix(8))  Newer  #x #y",
            "\(old.prefix(8))  Older  #x  (2 annotations)",
        ])
        #expect(try sandbox.ok("ls").stdout == list.stdout)

        #expect(try sandbox.ok("list", "--tag", "y").lines == ["\(new.prefix(8))  Newer  #x #y"])
        #expect(try sandbox.ok("ls", "--tag", "x").lines.count == 2)
        #expect(try sandbox.ok("list", "--tag", "absent").stdout == "")

        let json = try sandbox.jsonLines(ArticleSummaryDoc.self, "list", "--json")
        #expect(json.map(\.id) == [new, old])
        #expect(json.map(\.annotationCount) == [0, 2])
        #expect(json.map(\.title) == ["Newer", "Older"])
        #expect(json.allSatisfy { parseISOTime($0.updated) != nil })
        let tagged = try sandbox.jsonLines(ArticleSummaryDoc.self, "ls", "--tag", "y", "--json")
        #expect(tagged.map(\.id) == [new])
    }

    @Test func listOfAnEmptyReplicaPrintsNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        #expect(try sandbox.ok("list").stdout == "")
        #expect(try sandbox.ok("list", "--json").stdout == "")
    }
}
