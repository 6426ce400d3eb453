import MarginaliaCore
import Testing

@Suite("PlainDocument")
struct PlainDocumentTests {
    private func parse(_ text: String, _ format: PlainDocument.Format = .plainText) -> PlainDocument? {
        PlainDocument(parsing: text, as: format)
    }

    @Test func firstNonBlankLineIsTheTitle() throws {
        let document = try #require(parse("\n  \nMy Title\n\nFirst paragraph.\n\nSecond paragraph.\n\n"))
        #expect(document.title == "My Title")
        #expect(document.body == "First paragraph.\n\nSecond paragraph.")
    }

    @Test func titleIsTrimmedButBodyLinesAreKeptAsWritten() throws {
        let document = try #require(parse("   Title \t\n  indented body  \n"))
        #expect(document.title == "Title")
        #expect(document.body == "  indented body  ")
    }

    @Test func singleLineHasAnEmptyBody() throws {
        let document = try #require(parse("Only a title"))
        #expect(document == PlainDocument(parsing: "Only a title\n\n", as: .plainText))
        #expect(document.body == "")
    }

    @Test(arguments: ["", "\n", " \n\t\n", "\r\n\r\n", "\u{FEFF}", "\u{FEFF}  \n"])
    func textWithoutANonBlankLineIsRejected(text: String) {
        #expect(parse(text) == nil)
        #expect(parse(text, .markdown) == nil)
    }

    @Test func lineEndingsBecomeNewlinesAndTheByteOrderMarkIsDropped() throws {
        let expected = try #require(parse("Title\n\nPara 1\n\nPara 2"))
        #expect(parse("\u{FEFF}Title\r\n\r\nPara 1\r\n\r\nPara 2\r\n") == expected)
        #expect(parse("Title\r\rPara 1\r\rPara 2\r") == expected)
        #expect(parse("\u{FEFF}Title\n\nPara 1\r\n\rPara 2") == expected)
        #expect(!expected.title.unicodeScalars.contains("\u{FEFF}"))
    }

    @Test func plainTextKeepsAHashInTheTitle() throws {
        let document = try #require(parse("# Title\nbody"))
        #expect(document.title == "# Title")
    }

    @Test func markdownFirstLevelOneHeadingIsTheTitle() throws {
        let document = try #require(parse("# The Title\n\nSome *text*.\n\n## Section\n\nMore.", .markdown))
        #expect(document.title == "The Title")
        #expect(document.body == "Some *text*.\n\n## Section\n\nMore.")
    }

    @Test func markdownHeadingNeedNotBeFirst() throws {
        let document = try #require(parse("## Sub\ntext\n# Main\nrest", .markdown))
        #expect(document.title == "Main")
        #expect(document.body == "## Sub\ntext\nrest")
    }

    @Test func markdownClosingHashesAreRemoved() throws {
        #expect(parse("# Title ##\nbody", .markdown)?.title == "Title")
        #expect(parse("#   Spaced   #\nbody", .markdown)?.title == "Spaced")
    }

    @Test func markdownWithoutHeadingFallsBackToPlainText() throws {
        #expect(parse("\n\nFirst\n\nSecond\n", .markdown) == parse("\n\nFirst\n\nSecond\n"))
        // `#Tag` is not a heading (no space after the hash).
        #expect(parse("#Tag line\nbody", .markdown)?.title == "#Tag line")
    }

    /// As in CommonMark, a closing run of `#` is dropped only after a space.
    @Test func markdownTitleMayEndWithAHash() {
        #expect(parse("# Learning C#\nbody", .markdown)?.title == "Learning C#")
        #expect(parse("# Closed heading ##\nbody", .markdown)?.title == "Closed heading")
    }

    /// An empty heading is never the title; the next candidate is.
    @Test func emptyHeadingDoesNotRejectTheDocument() {
        #expect(parse("#\nReal title\nbody", .markdown)?.title == "Real title")
        #expect(parse("#\n\n# Heading\nbody", .markdown)?.title == "Heading")
    }
}
