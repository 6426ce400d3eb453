import Foundation
import Testing

/// `import` of web pages, end to end: files, folders and standard input; `--dry-run`,
/// `--json`, `--source`, `--format`; pages that hold no article.
@Suite("import web pages")
struct WebImportTests {
    static let pages = MarginaliaProcess.packageRoot.appendingPathComponent("examples/pages")
    static let vnexpress = pages.appendingPathComponent("vnexpress-mua-lon.html").path
    static let vnexpressTitle = "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu"
    static let vnexpressSource = "https://vnexpress.net/ha-noi-mua-lon-keo-dai-nhieu-tuyen-pho-ngap-sau-4791234.html"

    struct ImportedDoc: Decodable, Equatable {
        var id: String
        var title: String
        var source: String?
        var paragraphCount: Int

        enum CodingKeys: String, CodingKey {
            case id, title, source
            case paragraphCount = "paragraph_count"
        }
    }

    struct PreviewDoc: Decodable, Equatable {
        var title: String
        var source: String?
        var published: String?
        var author: String?
        var paragraphs: [String]
        var paragraphCount: Int

        enum CodingKeys: String, CodingKey {
            case title, source, published, author, paragraphs
            case paragraphCount = "paragraph_count"
        }
    }

    @Test func aPageIsStoredAsOneArticleWithItsAddress() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("import", Self.vnexpress, "--tag", "lu")
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == Self.vnexpressTitle)
        #expect(article.source == Self.vnexpressSource)
        #expect(article.tags == ["lu"])
        let paragraphs = article.body.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 9)
        #expect(paragraphs.first?.hasPrefix("Sau gần sáu giờ mưa liên tục từ đêm 11/9") == true)
        #expect(paragraphs.contains("Người dân lội nước trên phố Nguyễn Khuyến sáng 12/9. Ảnh: Giang Huy"))
        #expect(paragraphs.last == "Võ Hải")
        for furniture in ["Tin liên quan", "Facebook", "minhtuan", "Xem nhiều", "Thời sự", "dataLayer", "Quảng cáo"] {
            #expect(!article.body.contains(furniture), "\(furniture)")
        }
        #expect(try sandbox.status().changes == 1)
        // Annotating works on the page's words as on any article's.
        try sandbox.id("annotate", id, "--quote", "135,5 mm", "--note", "trạm Láng")
        try sandbox.expectVerified()
    }

    @Test func dryRunPrintsTheExtractionAndStoresNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.ok("import", Self.pages.appendingPathComponent("amp-hoi-an.html").path, "--dry-run")
        #expect(result.lines == [
            "title: Hội An: Phố cổ ngập sâu, du khách đi thuyền tham quan",
            "source: https://baoquangnam.vn/hoi-an-pho-co-ngap-sau-3142857.html",
            "published: 2024-10-28T16:20:00+07:00",
            "author: Vĩnh Lộc",
            "paragraphs: 5",
            "",
            "Nước lũ sông Hoài dâng cao, nhấn chìm nhiều tuyến phố trong khu phố cổ Hội An; người dân và du khách phải "
                + "đi lại bằng thuyền.",
            "",
            "Thuyền chở du khách trên đường Bạch Đằng chiều 28/10. Ảnh: Vĩnh Lộc",
            "",
            "Từ trưa 28/10, nước sông Hoài tràn vào các tuyến đường Bạch Đằng, Nguyễn Thái Học và Trần Phú, có nơi "
                + "ngập sâu hơn một mét. Nhiều hộ kinh doanh ven sông đã kê hàng hóa lên cao từ đêm trước.",
            "",
            "Dù vậy, khách du lịch vẫn đến khá đông. Những chiếc thuyền gỗ đưa khách đi dọc các dãy nhà cổ với giá từ "
                + "150.000 đến 200.000 đồng mỗi lượt. “Lần đầu tôi thấy Hội An như thế này, vừa lo vừa thấy lạ,” chị "
                + "Emma, du khách người Anh, nói.",
            "",
            "Ông Nguyễn Văn Sơn, Chủ tịch UBND TP Hội An, cho biết thành phố đã di dời 320 hộ dân ở vùng thấp trũng "
                + "đến nơi an toàn và khuyến cáo du khách không tự ý đi thuyền khi nước chảy xiết.",
        ])
        // Not even the default replica was created.
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
    }

    @Test func dryRunOfSeveralFilesSeparatesThem() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let note = try sandbox.write("ghi-chu.txt", "Ghi chú\n\nDòng một\ndòng hai\n\n\nĐoạn hai")
        let result = try sandbox.ok("import", note, Self.pages.appendingPathComponent("thanhnien-ca-phe-jsonld.html").path, "--dry-run")
        #expect(Array(result.lines.prefix(9)) == [
            "title: Ghi chú", "paragraphs: 2", "", "Dòng một", "dòng hai", "", "Đoạn hai", "---",
            "title: Giá cà phê xuất khẩu lập đỉnh mới, nông dân Tây Nguyên vẫn lo",
        ])
        #expect(result.lines[9...12] == [
            "source: https://thanhnien.vn/gia-ca-phe-xuat-khau-lap-dinh-moi-185250912.htm",
            "published: 2025-09-12T06:00:00+07:00", "author: Thu Hằng, Minh Quân", "paragraphs: 4",
        ])
    }

    @Test func jsonGivesIdTitleSourceAndParagraphCount() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let blog = Self.pages.appendingPathComponent("blog-ca-phe-phin.html").path
        let imported = try sandbox.jsonLines(ImportedDoc.self, "import", Self.vnexpress, blog, "--json")
        #expect(imported.map(\.title) == [Self.vnexpressTitle, "Pha cà phê phin cho buổi sáng"])
        #expect(imported.map(\.source) == [Self.vnexpressSource, "https://nhatkycaphe.vn/2024/03/pha-ca-phe-phin/"])
        #expect(imported.map(\.paragraphCount) == [9, 15])
        let listed = try sandbox.jsonLines(ArticleSummaryDoc.self, "list", "--json")
        #expect(Set(listed.map(\.id)) == Set(imported.map(\.id)))

        let preview = try sandbox.jsonLines(PreviewDoc.self, "import", blog, "--dry-run", "--json")
        #expect(preview.count == 1)
        #expect(preview.first?.published == "2024-03-02T06:45:00+07:00")
        #expect(preview.first?.author == "Lan Anh")
        #expect(preview.first?.paragraphCount == 15)
        #expect(preview.first?.paragraphs[13] == "Mẹ tôi hay đọc mấy câu này mỗi lần pha:\nSáng nay trời nhẹ như tơ,\n"
            + "Phin rơi từng giọt, ai chờ ai đâu.\nLy cà phê đắng dài lâu,\nThêm chút sữa ngọt cho nhau buổi đầu.")
        #expect(try sandbox.status().changes == 2)
    }

    @Test func standardInputIsHTMLWhenItStartsAsAPage() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let page = try String(contentsOfFile: Self.vnexpress, encoding: .utf8)
        let fromPipe = try sandbox.ok(["import", "-", "--json"], stdin: Data(("\n  " + page).utf8))
            .jsonLines(ImportedDoc.self)
        #expect(fromPipe.map(\.title) == [Self.vnexpressTitle])
        #expect(fromPipe.map(\.source) == [Self.vnexpressSource])

        // A fragment that does not start as a whole page does: HTML only when told.
        let fragment = "<article><h1>Phố cổ ngập</h1><p>\(String(repeating: "Nước sông Hoài dâng cao, ", count: 30))</p></article>"
        let told = try sandbox.ok(["import", "-", "--format", "html", "--dry-run"], stdin: Data(fragment.utf8))
        #expect(Array(told.lines.prefix(2)) == ["title: Phố cổ ngập", "paragraphs: 1"])
        let untold = try sandbox.ok(["import", "-", "--dry-run"], stdin: Data(fragment.utf8))
        #expect(untold.lines.first == "title: \(fragment)")

        // Plain text on standard input, with the address given.
        let id = try sandbox.id(
            "import", "-", "--source", "https://example.org/ghi-chu", stdin: "Ghi chú\n\nMực nước sông Hồng lên 9,5 mét.\n")
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == "Ghi chú")
        #expect(article.body == "Mực nước sông Hồng lên 9,5 mét.")
        #expect(article.source == "https://example.org/ghi-chu")
    }

    /// In a script (and the REPL), `-` is the lines after the command up to a lone `.`.
    @Test func aScriptGivesThePageAfterTheCommand() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let script = """
            import - --json
            <!doctype html><html><head><title>Từ script - VnExpress</title></head>
            <body><p>Một dòng  từ script,
            đủ dài để là một đoạn văn.</p></body></html>
            .
            """
        let imported = try sandbox.ok([], stdin: Data(script.utf8)).jsonDocument(ImportedDoc.self)
        #expect(imported.title == "Từ script")
        #expect(imported.paragraphCount == 1)
        let article = try sandbox.json(ArticleDoc.self, "show", imported.id, "--json")
        #expect(article.body == "Một dòng từ script, đủ dài để là một đoạn văn.")
    }

    @Test func sourceReplacesThePagesOwnAddress() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("import", Self.vnexpress, "--source", "https://example.org/luu-tru/mua-lon")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").source == "https://example.org/luu-tru/mua-lon")
        let withoutAddress = try sandbox.id("import", Self.vnexpress, "--source", "")
        #expect(try sandbox.json(ArticleDoc.self, "show", withoutAddress, "--json").source == nil)
        try sandbox.expectRejected(
            "import", Self.pages.path, "--source", "https://example.org/x", status: Exit.usage,
            mentioning: "--source is one article's address: import one file with it, not 5")
        try sandbox.expectRejected("import", "-", "-", stdin: "", status: Exit.usage, mentioning: "standard input ('-') can be read only once")
    }

    @Test func aFolderImportsItsPagesWithItsTextFilesInNameOrder() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = sandbox.work.appendingPathComponent("pages")
        try FileManager.default.copyItem(at: Self.pages, to: folder)
        try sandbox.write("pages/ghi-chu.txt", "Ghi chú\n\nĐọc lại bài về Hội An.")
        try sandbox.write("pages/trang.htm", try String(contentsOfFile: Self.vnexpress, encoding: .utf8))
        try sandbox.write("pages/anh.png", "not a page")
        let ids = try sandbox.ok("import", folder.path).lines
        let titles = try ids.map { try sandbox.json(ArticleDoc.self, "show", $0, "--json").title }
        #expect(titles == [
            "Hội An: Phố cổ ngập sâu, du khách đi thuyền tham quan", "Pha cà phê phin cho buổi sáng",
            "Lễ hội đua ghe ngo thu hút hàng vạn người xem", "Ghi chú",
            "Giá cà phê xuất khẩu lập đỉnh mới, nông dân Tây Nguyên vẫn lo", Self.vnexpressTitle, Self.vnexpressTitle,
        ])
        #expect(try sandbox.status().changes == 7)
        try sandbox.expectVerified()
    }

    @Test func pagesWithoutAnArticleAreRefusedWithOneLine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.id("import", Self.vnexpress)
        let text = try sandbox.write("ghi-chu.html", "Ghi chú\n\nĐây là văn bản, không phải trang web.")
        let empty = try sandbox.write(
            "trong.html", "<!doctype html><html><head><title>Trang trống</title><script>var a = 1;</script></head>"
                + "<body><nav><a href='/'>Trang chủ</a></nav></body></html>")
        let untitled = try sandbox.write("khong-ten.html", "<p>Chỉ một đoạn văn, không có tiêu đề.</p>")
        let notUTF8 = try sandbox.write("latin1.html", bytes: Array("<html><title>Gi".utf8) + [0xE1] + Array("</title>".utf8))
        try sandbox.expectRejected(
            "import", text, status: Exit.dataError, mentioning: "\(text) is not an HTML page: it does not start with a tag")
        try sandbox.expectRejected(
            "import", empty, status: Exit.dataError,
            mentioning: "\(empty) has no article text: nothing is left once navigation, scripts, forms and page furniture are set aside")
        try sandbox.expectRejected(
            "import", untitled, status: Exit.dataError,
            mentioning: "\(untitled) has no title: no JSON-LD headline, og:title, <title> or <h1>")
        try sandbox.expectRejected(
            "import", notUTF8, status: Exit.dataError,
            mentioning: "\(notUTF8) is not valid UTF-8 (bad byte at offset 15; it names no encoding, and UTF-8 is the default)")
        try sandbox.expectRejected(
            ["import", "-", "--format", "html"], stdin: Data("Chỉ là chữ".utf8), status: Exit.dataError,
            mentioning: "standard input is not an HTML page")
        // All or nothing: one bad page in a folder stores none of the others.
        let folder = sandbox.work.appendingPathComponent("mixed")
        try FileManager.default.copyItem(at: Self.pages, to: folder)
        try FileManager.default.copyItem(atPath: empty, toPath: folder.appendingPathComponent("trong.html").path)
        try sandbox.expectRejected("import", folder.path, status: Exit.dataError, mentioning: "trong.html has no article text")
    }

    /// libxml2 recovers from broken markup as browsers do, and says nothing about it.
    @Test func brokenMarkupIsReadSilently() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let page = try sandbox.write(
            "hong.html", "<html><head><title>Trang hỏng</title><body><div><p>Một đoạn <b>chưa đóng <p>đoạn khác</i> "
                + "&notanentity; <unknown-tag x=>chữ</unknown-tag></span></table><p>\(String(repeating: "Mưa, gió, ", count: 60))")
        let result = try sandbox.ok("import", page, "--dry-run")
        #expect(result.lines.first == "title: Trang hỏng")
        #expect(result.lines.contains("đoạn khác &notanentity; chữ"))
    }
}
