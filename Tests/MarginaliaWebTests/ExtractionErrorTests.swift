import MarginaliaWeb
import Testing

@Suite("Web pages: what is not an article")
struct ExtractionErrorTests {
    @Test func textThatDoesNotStartWithATagIsNotAPage() {
        #expect(throws: WebExtractionError.notHTML) { try WebArticle(extractingFrom: "Hà Nội ngập sâu\n\n<p>Mưa</p>") }
        #expect(throws: WebExtractionError.notHTML) { try WebArticle(extractingFrom: "") }
        #expect(throws: WebExtractionError.notHTML) { try WebArticle(extractingFrom: "< 5 mm") }
    }

    @Test func aPageWithOnlyFurnitureHasNoArticle() {
        let pages = [
            "<!doctype html><html><head><title>Trống</title></head><body></body></html>",
            "<html><head><title>Chỉ có menu</title><script>var p = '<p>không</p>';</script></head><body>"
                + "<nav><a href='/'>Trang chủ</a> <a href='/thoi-su'>Thời sự</a></nav><footer>© 2025</footer>"
                + "<form><textarea>Ý kiến của bạn</textarea></form><div hidden>Ẩn</div></body></html>",
        ]
        for page in pages {
            #expect(throws: WebExtractionError.noArticle) { try WebArticle(extractingFrom: page) }
        }
    }

    @Test func aPageWithTextButNoTitleHasNoTitle() {
        #expect(throws: WebExtractionError.noTitle) { try WebArticle(extractingFrom: "<p>Chỉ một đoạn văn, không có tiêu đề.</p>") }
    }

    @Test func recoversFromBrokenMarkupAsBrowsersDo() throws {
        let article = try WebArticle(extractingFrom: "<title>Hỏng</title><p>Một <b>hai<p>ba</i> &bogus; <unknown-tag>bốn</p></div>")
        #expect(article.paragraphs == ["Một hai", "ba &bogus; bốn"])
    }

    @Test func webPagesAreRecognisedByTheirStart() {
        for page in ["<!DOCTYPE html><html>", "\u{FEFF}\n  <html lang=vi>", "<HEAD>", "<!-- saved -->", "<p>Mưa", "<body\n>"] {
            #expect(HTMLSignature.isWebPage(page), "\(page)")
        }
        for text in ["Hà Nội", "# Tiêu đề", "<article>", "<bold>", "<!doctype xml>", "<pre>", ""] {
            #expect(!HTMLSignature.isWebPage(text), "\(text)")
        }
    }
}
