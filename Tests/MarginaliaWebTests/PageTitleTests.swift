@testable import MarginaliaWeb
import Testing

@Suite("Web pages: titles")
struct PageTitleTests {
    private func without(_ title: String, siteNames: [String] = [], host: String? = nil) -> String {
        PageTitle.removingSiteName(from: title, siteNames: siteNames, host: host)
    }

    @Test func theSiteNamedByOpenGraphIsRemoved() {
        #expect(without("Giá xăng giảm - dầu tăng | Dân trí", siteNames: ["Dân trí"]) == "Giá xăng giảm - dầu tăng")
        #expect(without("Pha cà phê – Nhật ký cà phê", siteNames: ["nhật ký CÀ PHÊ"]) == "Pha cà phê")
    }

    @Test func theSiteNamedByItsAddressIsRemoved() {
        #expect(without("Giá vàng hôm nay - VnExpress", host: "vnexpress.net") == "Giá vàng hôm nay")
        #expect(without("Giá vàng hôm nay | Báo Thanh Niên", host: "www.thanhnien.vn") == "Giá vàng hôm nay")
        #expect(without("Người dân vùng lũ - dân trí", host: "dantri.com.vn") == "Người dân vùng lũ")
    }

    @Test func aShortCapitalisedTailIsRemovedWhenNothingElseIsKnown() {
        #expect(without("Lễ hội đua ghe ngo năm nay | Báo Tin Tức Miền Tây") == "Lễ hội đua ghe ngo năm nay")
        #expect(without("Hà Nội ngập sâu — VnExpress") == "Hà Nội ngập sâu")
    }

    @Test func aTailThatIsPartOfTheTitleStays() {
        #expect(without("Giá xăng giảm - dầu tăng") == "Giá xăng giảm - dầu tăng")
        #expect(without("Triều Tiên phóng tên lửa - Nhật Bản phản đối") == "Triều Tiên phóng tên lửa - Nhật Bản phản đối")
        #expect(without("Hà Nội - Hải Phòng") == "Hà Nội - Hải Phòng")
        #expect(without("Không có dấu phân cách") == "Không có dấu phân cách")
        #expect(without("Giá xăng giảm - dầu tăng", siteNames: ["VnExpress"], host: "vnexpress.net") == "Giá xăng giảm - dầu tăng")
    }

    @Test func headlineThenOpenGraphThenTitleThenHeading() throws {
        let article = "<p>\(String(repeating: "Mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu, ", count: 12))</p>"
        let headline = #"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Từ JSON-LD"}</script>"#
        let og = #"<meta property="og:title" content="Từ Open Graph - VnExpress">"#
        let titleTag = "<title>Từ thẻ title - VnExpress</title>"
        let heading = "<h1>Từ  h1</h1>"
        func title(_ head: String) throws -> String {
            try WebArticle(extractingFrom: "<html><head>\(head)</head><body>\(heading)\(article)</body></html>").title
        }
        #expect(try title(headline + og + titleTag) == "Từ JSON-LD")
        #expect(try title(og + titleTag) == "Từ Open Graph")
        #expect(try title(titleTag) == "Từ thẻ title")
        #expect(try title("") == "Từ h1")
    }
}
