import MarginaliaWeb
import Testing

/// Address, date and authors, from JSON-LD in its many shapes and from the markup.
@Suite("Web pages: address and metadata")
struct PageMetadataTests {
    private static let text = "<p>\(String(repeating: "Mực nước sông Hồng lên cao, người dân di dời tài sản. ", count: 12))</p>"

    private func article(head: String, address: String? = nil) throws -> WebArticle {
        try WebArticle(extractingFrom: "<!doctype html><html><head><title>Tin</title>\(head)</head><body>\(Self.text)</body></html>",
            address: address)
    }

    private func linkedData(_ json: String) -> String { #"<script type="application/ld+json">"# + json + "</script>" }

    @Test func canonicalThenOpenGraphThenLinkedDataThenFetched() throws {
        let canonical = #"<link rel="canonical" href="https://a.vn/canonical">"#
        let og = #"<meta property="og:url" content="https://a.vn/og">"#
        let ld = linkedData(#"{"@type":"NewsArticle","url":"https://a.vn/ld"}"#)
        #expect(try article(head: canonical + og + ld, address: "https://a.vn/fetched").source == "https://a.vn/canonical")
        #expect(try article(head: og + ld, address: "https://a.vn/fetched").source == "https://a.vn/og")
        #expect(try article(head: ld, address: "https://a.vn/fetched").source == "https://a.vn/ld")
        #expect(try article(head: "", address: "https://a.vn/fetched").source == "https://a.vn/fetched")
        #expect(try article(head: "").source == nil)
    }

    @Test func relativeAddressesAreResolvedAgainstTheBase() throws {
        let relative = #"<link rel="canonical" href="../thoi-su/lu.html">"#
        #expect(try article(head: #"<base href="https://b.vn/a/b/">"# + relative).source == "https://b.vn/a/thoi-su/lu.html")
        #expect(try article(head: relative, address: "https://b.vn/x/y.html").source == "https://b.vn/thoi-su/lu.html")
        #expect(try article(head: relative + #"<meta property="og:url" content="https://c.vn/p/q">"#).source
            == "https://c.vn/thoi-su/lu.html")
        // Nothing absolute to resolve it against, and no other address: none.
        #expect(try article(head: relative).source == nil)
    }

    /// As a browser's `link.href` gives it (and Hypothesis records it): the path
    /// percent-encoded, the host in punycode.
    @Test func addressesAreWrittenAsBrowsersWriteThem() throws {
        #expect(try article(head: #"<link rel="canonical" href="https://vi.wikipedia.org/wiki/Hà_Nội">"#).source
            == "https://vi.wikipedia.org/wiki/H%C3%A0_N%E1%BB%99i")
        #expect(try article(head: #"<link rel="canonical" href="/tin tức">"#, address: "https://báo.vn/").source
            == "https://xn--bo-mia.vn/tin%20t%E1%BB%A9c")
    }

    @Test func onlyWebAddressesCount() throws {
        let head = #"<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="mailto:toa@bao.vn">"#
        #expect(try article(head: head).source == nil)
        #expect(try article(head: head + #"<meta property="og:url" content="http://d.vn/e">"#).source == nil)
        #expect(try article(head: head, address: "https://d.vn/f").source == "https://d.vn/f")
    }

    @Test func linkedDataArticleInArraysGraphsAndTypeLists() throws {
        let shapes = [
            #"[{"@type":"BreadcrumbList"},{"@type":"NewsArticle","headline":"Một"}]"#,
            #"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":["Article"],"headline":"Một"}]}"#,
            #"{"@type":"https://schema.org/ReportageNewsArticle","headline":"Một"}"#,
            #"{"@type":"BlogPosting","headline":"  Một  "}"#,
        ]
        for json in shapes {
            #expect(try article(head: linkedData(json)).title == "Một", "\(json)")
        }
        #expect(try article(head: linkedData(#"{"@type":"Product","headline":"Không"}"#)).title == "Tin")
    }

    @Test func aScriptThatIsNotJSONIsPassedOver() throws {
        let broken = linkedData(#"{"@type":"NewsArticle","headline":"Hỏng""#)
        let good = linkedData(#"{"@type":"NewsArticle","headline":"Tốt","datePublished":"2025-09-12T07:30:00+07:00"}"#)
        let extracted = try article(head: broken + good)
        #expect(extracted.title == "Tốt")
        #expect(extracted.published == "2025-09-12T07:30:00+07:00")
    }

    /// Many sites write `articleBody` with raw line breaks and tabs, which JSON forbids:
    /// they are read as if escaped, so the publisher's paragraphs stay paragraphs.
    @Test func rawLineBreaksInsideLinkedDataStrings() throws {
        let json = "{\"@type\": \"NewsArticle\",\n \"headline\": \"Lũ \\\"lịch sử\\\"\",\n"
            + " \"articleBody\": \"Đoạn một, \\\"trích\\\".\r\n\r\nĐoạn\thai.\nĐoạn ba.\"}"
        let extracted = try article(head: linkedData(json))
        #expect(extracted.title == "Lũ \"lịch sử\"")
        #expect(extracted.paragraphs == ["Đoạn một, \"trích\".", "Đoạn hai.", "Đoạn ba."])
    }

    @Test func authorsAsTextPeopleOrganisationsAndLists() throws {
        func author(_ value: String) throws -> String? {
            try article(head: linkedData(#"{"@type":"NewsArticle","author":"# + value + "}")).author
        }
        #expect(try author(#""Hoàng Anh""#) == "Hoàng Anh")
        #expect(try author(#"{"@type":"Organization","name":"Báo Quảng Nam"}"#) == "Báo Quảng Nam")
        #expect(try author(#"[{"@type":"Person","name":"Thu Hằng"},"Minh Quân",{"@type":"Person"}]"#) == "Thu Hằng, Minh Quân")
        #expect(try author("[]") == nil)
        #expect(try article(head: #"<meta name="author" content="Lan  Anh">"#).author == "Lan Anh")
    }
}
