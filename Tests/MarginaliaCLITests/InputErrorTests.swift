import Foundation
import Testing

/// Unusable input: one line on stderr, the documented exit status, nothing recorded.
@Suite("bad input files, titles and ids")
struct InputErrorTests {
    static let notUTF8: [UInt8] = [0xFF, 0xFE] + Array("Title\n\nbody".utf8)

    @Test func aFileThatIsNotUTF8() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Existing", "--body", "text")
        let bad = try sandbox.write("bad.txt", bytes: Self.notUTF8)
        let late = try sandbox.write("late.txt", bytes: Array("fine until here ".utf8) + [0xC3, 0x28])

        try sandbox.expectRejected(
            "add", "T", "--file", bad, status: Exit.dataError, mentioning: "is not valid UTF-8 (bad byte at offset 0)")
        try sandbox.expectRejected(
            "add", "T", "--file", late, status: Exit.dataError, mentioning: "(bad byte at offset 16)")
        try sandbox.expectRejected(
            "edit", article, "--body-file", bad, status: Exit.dataError, mentioning: "is not valid UTF-8")
        try sandbox.expectRejected("import", bad, status: Exit.dataError, mentioning: "is not valid UTF-8")
    }

    @Test func standardInputThatIsNotUTF8() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        try sandbox.expectRejected(
            ["add", "T"], stdin: Data(Self.notUTF8), status: Exit.dataError,
            mentioning: "standard input is not valid UTF-8")
    }

    /// Text saved as UTF-16 (with a byte-order mark, or without one) is named as such,
    /// with the command that converts it.
    @Test func aFileInUTF16SaysHowToConvertIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        let text = "Tiêu đề\n\nMực nước sông Hồng dâng cao.\n"
        let marked = try sandbox.write("marked.txt", bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let bigEndian = try sandbox.write("big.txt", bytes: text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        try sandbox.expectRejected(
            "import", marked, status: Exit.dataError,
            mentioning: "\(marked) looks like UTF-16, not UTF-8: convert it with 'iconv -f UTF-16 -t UTF-8 \(marked) > \(marked).utf8'")
        try sandbox.expectRejected("add", "T", "--file", bigEndian, status: Exit.dataError, mentioning: "looks like UTF-16BE")
        try sandbox.expectRejected(
            ["add", "T"], stdin: Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), status: Exit.dataError,
            mentioning: "standard input looks like UTF-16LE, not UTF-8: convert it with 'iconv -f UTF-16LE -t UTF-8'")
    }

    @Test func aMissingFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Existing", "--body", "text")
        try sandbox.expectRejected(
            "add", "T", "--file", "missing.txt", status: Exit.noInput, mentioning: "cannot read missing.txt: no such file")
        try sandbox.expectRejected(
            "edit", article, "--body-file", "missing.txt", status: Exit.noInput, mentioning: "no such file")
        try sandbox.expectRejected("import", "missing.txt", status: Exit.noInput, mentioning: "no such file")
    }

    @Test func aDirectoryGivenAsAFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Existing", "--body", "text")
        try sandbox.write("folder/inside.bin", "x")
        try sandbox.expectRejected(
            "add", "T", "--file", "folder", status: Exit.noInput, mentioning: "cannot read folder: it is a directory")
        try sandbox.expectRejected(
            "edit", article, "--body-file", "folder", status: Exit.noInput, mentioning: "it is a directory")
    }

    @Test(arguments: ["", " ", "\n\t "])
    func anEmptyTitle(title: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Existing", "--body", "text")
        try sandbox.expectRejected("add", title, "--body", "b", status: Exit.dataError, mentioning: "the title is empty")
        try sandbox.expectRejected("edit", article, "--title", title, status: Exit.dataError, mentioning: "the title is empty")
    }

    @Test func importOfAFileWithoutATitle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        let blank = try sandbox.write("blank.txt", "\n   \n\t\n")
        try sandbox.expectRejected("import", blank, status: Exit.dataError, mentioning: "has no title")
        let emptyHeading = try sandbox.write("empty.md", "#\n\n# #\n")
        try sandbox.expectRejected("import", emptyHeading, status: Exit.dataError, mentioning: "has no title")
    }

    /// Either every file is imported or none is.
    @Test(arguments: ["bad-utf8", "no-title", "missing"])
    func importWithOneBadFileImportsNothing(problem: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.id("add", "Existing", "--body", "text")
        let folder = try sandbox.copyExampleArticles()
        let good = try sandbox.write("good.txt", "Good title\n\nGood body.")
        var paths = [good, folder]
        switch problem {
        case "bad-utf8": try sandbox.write("articles/zz-bad.txt", bytes: Self.notUTF8)
        case "no-title": try sandbox.write("articles/zz-blank.md", "\n\n")
        default: paths.append("missing.md")
        }
        let expected: Int32 = problem == "missing" ? Exit.noInput : Exit.dataError
        try sandbox.expectRejected(["import"] + paths, status: expected, mentioning: problem == "missing" ? "missing.md" : "zz-")
        #expect(try sandbox.status().articles == 1)
        #expect(try sandbox.sqlite("SELECT count(*) FROM articles") == "1")
    }

    /// Files are read on all cores, but of several bad ones the first in order is the
    /// one reported, every time.
    @Test func ofSeveralBadFilesTheFirstInOrderIsReported() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        var paths: [String] = []
        for index in 0..<40 {
            let name = String(format: "a%02d.txt", index)
            paths.append(index % 3 == 2
                ? try sandbox.write(name, bytes: Self.notUTF8) : try sandbox.write(name, "Title \(index)\n\nBody."))
        }
        paths.append(try sandbox.write("blank.txt", "\n"))
        for _ in 0..<3 {
            try sandbox.expectRejected(["import"] + paths, status: Exit.dataError, mentioning: "a02.txt")
        }
        #expect(try sandbox.status().articles == 0)
    }

    /// A folder is read in batches while the batches before are written: every file of
    /// several batches, whatever its kind, lands in name order; a bad file, or a page
    /// already imported, past the first batch is the one reported, and nothing of the
    /// batches written before it is kept.
    @Test func aFolderOfSeveralBatchesImportsAllOrNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        for index in 0..<600 {
            let name = String(format: "many/a%03d", index)
            try index % 2 == 0
                ? sandbox.write(name + ".txt", "Bài \(index)\n\nMưa lớn ở Hà Nội.")
                : sandbox.write(name + ".md", "# Bài \(index)\n\nNước dâng ở phố cổ.")
        }
        let folder = sandbox.work.appendingPathComponent("many").path
        let ids = try sandbox.ok("import", folder).lines
        #expect(ids.count == 600)
        #expect(try sandbox.sqlite("SELECT title FROM articles WHERE id = '\(ids[599])'") == "Bài 599")

        try sandbox.write("many/a550.txt", bytes: Self.notUTF8)
        try sandbox.write("many/a580.txt", "\n")
        try sandbox.expectRejected(["import", folder], status: Exit.dataError, mentioning: "a550.txt")
        #expect(try sandbox.status().articles == 600)

        try sandbox.write("many/a550.txt", "Bài 550\n\nMưa lớn ở Hà Nội.")
        try sandbox.write("many/a580.txt", "Bài 580\n\nMưa lớn ở Hà Nội.")
        let page = Array(try Data(contentsOf: MarginaliaProcess.packageRoot
            .appendingPathComponent("examples/pages/vnexpress-mua-lon.html")))
        let first = try sandbox.id("import", try sandbox.write("trang.html", bytes: page))
        try sandbox.write("many/a590.html", bytes: page)
        try sandbox.expectRejected(["import", folder], status: Exit.failure, mentioning: "is already imported as \(first.prefix(8))")
        #expect(try sandbox.status().articles == 601)
    }

    /// Problems are reported on one line even when what was typed spans several; so is
    /// each near match suggested, whose words span lines in the body.
    @Test func aMultiLineQuoteIsReportedOnOneLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Lines", "--body", "first paragraph\n\nsecond paragraph")
        let result = try sandbox.expectRefusal(
            ["annotate", article, "--quote", "first paragraph\n\nsecond paragrah"], status: Exit.dataError)
        #expect(result.errorLines == [
            "marginalia: quote \"first paragraph\\n\\nsecond paragrah\" does not occur in the body, even ignoring case and diacritics",
            "  did you mean “first paragraph second paragraph”?  0-33  [first paragraph second paragraph]",
        ], "\(result)")
    }

    /// The argument parser prints its usage after the error; the project's rule is one line.
    @Test func usageErrorsAreReportedOnOneLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        let result = try sandbox.run("annotate", "abcd")
        #expect(result.status == Exit.usage)
        #expect(result.errorLines.count == 1, "\(result)")
    }

    @Test func anUnknownSubcommandOrOptionIsAUsageError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        try sandbox.expectUsageError("frobnicate", mentioning: "frobnicate")
        try sandbox.expectUsageError("list", "--colour", mentioning: "--colour")
        try sandbox.expectUsageError("add", mentioning: "<title>")
    }
}
