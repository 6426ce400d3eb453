import Foundation
import Testing

/// `import URL` against a real HTTP server on 127.0.0.1: redirects, errors per status,
/// timeouts, the size limit, types other than HTML, legacy encodings, and a page already
/// imported. No network.
@Suite("Importing web pages by URL")
struct WebFetchTests {
    static let title = "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu"
    static let paragraphs = [
        "Sau gần sáu giờ mưa liên tục, nhiều tuyến phố ở nội thành Hà Nội bị ngập sâu.",
        "Ông Nguyễn Văn Đức, 58 tuổi, kể: “Chỉ nửa tiếng là nước tràn vào tận nhà…”",
    ]

    /// A UTF-8 news page holding the title and paragraphs above.
    static let page = Array(
        """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><title>\(title)</title></head>
        <body><article>\(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))</article></body></html>
        """.utf8)

    static let html = "text/html; charset=utf-8"

    @Test func aPageIsImportedWithTheAddressItWasServedFrom() throws {
        let server = try PageServer([
            "/moi": .redirect(to: "/tin/2024/mua"), "/tin/2024/mua": .redirect(to: "/bai/ha-noi-ngap.html"),
            "/bai/ha-noi-ngap.html": .page(contentType: Self.html, body: Self.page),
        ])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let id = try sandbox.id("import", server.url("/moi"), "--tag", "lũ")
        let article = try sandbox.json(ArticleDoc.self, "show", id, "--json")
        #expect(article.title == Self.title)
        #expect(article.body == Self.paragraphs.joined(separator: "\n\n"))
        #expect(article.source == server.url("/bai/ha-noi-ngap.html"))
        #expect(article.tags == ["lũ"])
        #expect(server.paths == ["/moi", "/tin/2024/mua", "/bai/ha-noi-ngap.html"])
    }

    @Test func thePageNamesItsOwnAddress() throws {
        let canonical = Array(String(decoding: Self.page, as: UTF8.self).replacingOccurrences(
            of: "<title>", with: #"<link rel="canonical" href="https://example.vn/thoi-su/ha-noi-ngap"><title>"#).utf8)
        let server = try PageServer(["/amp/ha-noi-ngap": .page(contentType: Self.html, body: canonical)])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let id = try sandbox.id("import", server.url("/amp/ha-noi-ngap"))
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").source == "https://example.vn/thoi-su/ha-noi-ngap")
        // The same article from a file saved earlier is the same address.
        let saved = try sandbox.write("ha-noi-ngap.html", bytes: canonical)
        let again = try sandbox.run("import", saved)
        #expect(again.errorLines == [
            "marginalia: https://example.vn/thoi-su/ha-noi-ngap is already imported as \(id.prefix(8)); use --again to import a new copy",
        ])
        #expect(again.status == 1)
    }

    @Test func aSavedLegacyPageIsDecodedByItsMetaTag() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let page = MarginaliaProcess.packageRoot.appendingPathComponent("examples/web/ha-noi-mua-lu.html").path
        let article = try sandbox.json(ArticleDoc.self, "show", try sandbox.id("import", page), "--json")
        #expect(article.title == "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu")
        #expect(article.body.contains("Ông Nguyễn Văn Đức, 58 tuổi, sống trong ngõ nhỏ cạnh Văn Miếu"))
    }

    @Test func anAddressAlreadyImportedIsRefusedUnlessAgain() throws {
        let server = try PageServer([
            "/a": .page(contentType: Self.html, body: Self.page), "/lai": .redirect(to: "/a"),
        ])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("import", server.url("/a"))
        let before = try sandbox.fingerprint()

        // The same page by another way in: its address is the one after redirects.
        let again = try sandbox.run("import", server.url("/lai"))
        #expect(again.status == 1)
        #expect(again.errorLines == [
            "marginalia: \(server.url("/a")) is already imported as \(id.prefix(8)); use --again to import a new copy",
        ])
        #expect(try sandbox.fingerprint() == before)

        let copy = try sandbox.id("import", server.url("/a"), "--again")
        #expect(copy != id)
        #expect(try sandbox.json(ArticleDoc.self, "show", copy, "--json").source == server.url("/a"))
    }

    @Test func tenRedirectsAreFollowedAndAnEleventhIsNot() throws {
        var routes: [String: PageServer.Response] = ["/11": .page(contentType: Self.html, body: Self.page)]
        for hop in 0..<11 { routes["/\(hop)"] = .redirect(to: "/\(hop + 1)") }
        let server = try PageServer(routes)
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        try sandbox.id("import", server.url("/1"))
        let tooMany = try sandbox.run("import", server.url("/0"))
        #expect(tooMany.status == 66)
        #expect(tooMany.errorLines == ["marginalia: more than 10 redirects from \(server.url("/0"))"])
    }

    @Test func eachHTTPErrorGetsOneLine() throws {
        let server = try PageServer([
            "/loi": .page(status: "500 Internal Server Error", contentType: "text/html", body: Array("<h1>oops</h1>".utf8)),
            "/cu": .redirect(to: "/da-xoa"),
        ])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let before = try sandbox.fingerprint()

        let missing = try sandbox.run("import", server.url("/cu"))
        #expect(missing.errorLines == ["marginalia: not found (HTTP 404) at \(server.url("/da-xoa"))"])
        #expect(missing.status == 66 && missing.stdout == "")
        let failing = try sandbox.run("import", server.url("/loi"))
        #expect(failing.errorLines == ["marginalia: internal server error (HTTP 500) at \(server.url("/loi"))"])
        #expect(failing.status == 75)
        #expect(try sandbox.fingerprint() == before)
    }

    @Test func aServerThatStopsSendingTripsTheTimeout() throws {
        let server = try PageServer(["/cham": .stalled(contentType: Self.html)])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let result = try sandbox.run("import", server.url("/cham"), env: ["MARGINALIA_FETCH_TIMEOUT": "0.5"])
        #expect(result.errorLines == [
            "marginalia: \(server.url("/cham")) sent nothing for 0.5 s (MARGINALIA_FETCH_TIMEOUT sets the wait)",
        ])
        #expect(result.status == 75)
    }

    @Test func aPageLargerThanTenMegabytesIsRefused() throws {
        let server = try PageServer([
            "/vo-tan": .endless(contentType: Self.html, announced: nil),
            "/khai-bao": .endless(contentType: Self.html, announced: 50 * 1_048_576),
        ])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        for path in ["/vo-tan", "/khai-bao"] {
            let result = try sandbox.run("import", server.url(path))
            #expect(result.errorLines == ["marginalia: \(server.url(path)) is larger than 10 MB, the most a page may be"])
            #expect(result.status == 65)
        }
    }

    @Test func aPDFOrAnImageIsNamedForWhatItIs() throws {
        let server = try PageServer([
            "/bao-cao.pdf": .page(contentType: "application/pdf", body: Array("%PDF-1.7\n".utf8)),
            "/anh": .page(contentType: "image/jpeg", body: [0xFF, 0xD8, 0xFF]),
        ])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let pdf = try sandbox.run("import", server.url("/bao-cao.pdf"))
        #expect(pdf.errorLines == ["marginalia: \(server.url("/bao-cao.pdf")) is a PDF document (application/pdf), not a web page"])
        #expect(pdf.status == 65)
        let image = try sandbox.run("import", server.url("/anh"))
        #expect(image.errorLines == ["marginalia: \(server.url("/anh")) is an image (image/jpeg), not a web page"])
    }

    @Test func aRefusedConnectionIsSaidAtOnce() throws {
        let listener = try RawListener()
        let port = listener.port
        listener.shutdown()
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let result = try sandbox.run("import", "http://127.0.0.1:\(port)/bai")
        #expect(result.errorLines == ["marginalia: cannot connect to 127.0.0.1:\(port): connection refused"])
        #expect(result.status == 75)
    }

    @Test func anUnknownHostIsNamed() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // `.invalid` names no host anywhere (RFC 6761), with or without a network; the
        // long timeout leaves a slow resolver time to say so.
        let result = try sandbox.run("import", "http://khong-co.invalid/bai", env: ["MARGINALIA_FETCH_TIMEOUT": "120"])
        #expect(result.errorLines == ["marginalia: cannot find the host khong-co.invalid (DNS lookup failed)"])
        #expect(result.status == 75)
    }

    @Test func aWindows1258PageIsReadByItsMetaTagOrItsContentType() throws {
        let fixtures = MarginaliaProcess.packageRoot.appendingPathComponent("Tests/MarginaliaWebTests/Fixtures")
        let legacy = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent("vietnamese-windows-1258.html")))
        let meta = Array(#"<meta charset="windows-1258">"#.utf8)
        let range = try #require(legacy.firstRange(of: meta))
        let unlabelled = Array(legacy[..<range.lowerBound] + legacy[range.upperBound...])
        let server = try PageServer([
            "/meta": .page(contentType: "text/html", body: legacy),
            "/header": .page(contentType: "text/html; charset=windows-1258", body: unlabelled),
            "/none": .page(contentType: "text/html", body: unlabelled),
        ])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        for path in ["/meta", "/header"] {
            let article = try sandbox.json(ArticleDoc.self, "show", try sandbox.id("import", server.url(path)), "--json")
            #expect(article.title == "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu")
            #expect(article.body.hasPrefix("Tại phố Nguyễn Khuyến, Trần Bình Trọng"))
            #expect(article.body.hasSuffix("Mực nước trên sông Tô Lịch lúc 6 giờ sáng đã lên tới 4,15 m – vượt mức báo động."))
        }
        let result = try sandbox.run("import", server.url("/none"))
        let offset = try #require(unlabelled.firstIndex { $0 >= 0x80 })
        #expect(result.errorLines == [
            "marginalia: \(server.url("/none")) is not valid UTF-8 (bad byte at offset \(offset); it names no encoding, and UTF-8 is the default)",
        ])
        #expect(result.status == 65)
    }

    @Test func aSlowPageShowsItsProgressOnATerminal() throws {
        let first = Array(Self.page.prefix(40))
        let server = try PageServer([
            "/dai": .held(contentType: Self.html, first: first, rest: Array(Self.page.dropFirst(40))),
        ])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try TerminalSession(sandbox, arguments: ["import", server.url("/dai")])
        defer { terminal.close() }

        try terminal.waitFor("fetching 127.0.0.1: 0 KB")
        server.release()
        #expect(try terminal.waitForExit() == 0)
        let lines = try terminal.visibleLines().filter { !$0.isEmpty }
        #expect(lines.count == 2 && Sandbox.isID(lines[0]), "\(lines)")
    }

    /// Ctrl-C while a page comes in: the progress line gives way to `interrupted` on a
    /// line of its own, exit 130, and nothing was written, as with a one-shot sync.
    @Test func ctrlCStopsAFetchInATerminal() throws {
        let server = try PageServer(["/cham": .stalled(contentType: Self.html)])
        defer { server.stop() }
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let before = try sandbox.fingerprint()
        let terminal = try TerminalSession(sandbox, arguments: ["import", server.url("/cham")])
        defer { terminal.close() }

        try terminal.waitFor("fetching 127.0.0.1: 0 KB")
        try terminal.press("C-c")
        #expect(try terminal.waitForExit() == 130)
        let lines = try terminal.visibleLines().map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines.suffix(2) == ["marginalia: interrupted", "[exit status 130]"], "\(lines)")
        #expect(try sandbox.fingerprint() == before)
    }
}
