import Foundation
import MarginaliaWeb
import Testing

/// The pages in `examples/pages/`, written in the shapes real sites use, each extracted
/// exactly: title, address, date, author and every paragraph.
@Suite("Web pages: the example pages")
struct FixturePageTests {
    static let pages = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/pages").standardizedFileURL

    static func extract(_ name: String, address: String? = nil) throws -> WebArticle {
        let html = try String(contentsOf: pages.appendingPathComponent(name), encoding: .utf8)
        return try WebArticle(extractingFrom: html, address: address)
    }

    /// A VnExpress-shaped page: JSON-LD without a body, the lead paragraph next to the
    /// `<article>`, two photo captions, a related box inside the article and one after
    /// it, a share bar, comments with a form, a "most read" column, scripts and styles.
    @Test func vietnameseNewsPage() throws {
        let article = try Self.extract("vnexpress-mua-lon.html")
        #expect(article.title == "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập sâu")
        #expect(article.source == "https://vnexpress.net/ha-noi-mua-lon-keo-dai-nhieu-tuyen-pho-ngap-sau-4791234.html")
        #expect(article.published == "2025-09-12T07:30:00+07:00")
        #expect(article.author == "Võ Hải")
        #expect(article.paragraphs == [
            "Sau gần sáu giờ mưa liên tục từ đêm 11/9 đến sáng 12/9, nhiều tuyến phố ở nội thành Hà Nội bị ngập sâu, "
                + "giao thông ùn tắc kéo dài.",
            "Theo số liệu của trạm quan trắc Láng, lượng mưa đo được trong khoảng 22 giờ – 4 giờ sáng đạt 135,5 mm, "
                + "mức cao nhất kể từ đầu mùa.",
            "Tại phố Nguyễn Khuyến, Trần Bình Trọng và một đoạn đường Giải Phóng, nước dâng cao quá đầu gối, nhiều xe "
                + "máy chết máy giữa đường. Ông Nguyễn Văn Đức, 58 tuổi, sống trong ngõ nhỏ cạnh Văn Miếu, kể: “Tôi ở đây "
                + "gần ba mươi năm, năm nào cũng ngập, nhưng chưa năm nào nhanh như thế này. Chỉ nửa tiếng là nước tràn "
                + "vào tận nhà…”",
            "Người dân lội nước trên phố Nguyễn Khuyến sáng 12/9. Ảnh: Giang Huy",
            "Bà Trần Thị Hương, chủ một quán phở gần đó, cho biết bà phải dậy từ 3 giờ sáng để kê tủ lạnh và bàn ghế "
                + "lên cao. “Con trai tôi bảo ‘mẹ cứ để đấy, con làm’, nhưng làm sao mà ngồi yên được,” bà nói.",
            "Theo đơn vị quản lý hệ thống thoát nước của thành phố, mực nước trên sông Tô Lịch lúc 6 giờ sáng đã lên "
                + "tới 4,15 m — vượt mức báo động khoảng 0,3 m. Đơn vị này đã huy động hơn 1.200 công nhân cùng 45 xe "
                + "bơm để hỗ trợ tiêu thoát tại những điểm ngập trọng yếu.",
            "Xe bơm tiêu thoát nước trên đường Giải Phóng. Ảnh: Ngọc Thành",
            "Trung tâm Dự báo khí tượng thủy văn quốc gia nhận định mưa còn tiếp diễn đến hết ngày 14/9, với lượng "
                + "mưa phổ biến 50–100 mm, có nơi trên 150 mm. Cơ quan này khuyến cáo người dân hạn chế ra đường vào "
                + "giờ cao điểm, theo dõi mực nước tại các hồ điều hoà và tránh đi qua những đoạn đường ngập sâu, gần hố "
                + "ga hoặc cột điện.",
            "Võ Hải",
        ])
    }

    /// JSON-LD in an `@graph`, with `articleBody`: its paragraphs win over the page's
    /// (which carry an advertisement); a relative canonical address is resolved against
    /// the absolute one JSON-LD gives.
    @Test func jsonLDArticleBody() throws {
        let article = try Self.extract("thanhnien-ca-phe-jsonld.html")
        #expect(article.title == "Giá cà phê xuất khẩu lập đỉnh mới, nông dân Tây Nguyên vẫn lo")
        #expect(article.source == "https://thanhnien.vn/gia-ca-phe-xuat-khau-lap-dinh-moi-185250912.htm")
        #expect(article.published == "2025-09-12T06:00:00+07:00")
        #expect(article.author == "Thu Hằng, Minh Quân")
        #expect(article.paragraphs == [
            "Giá cà phê robusta xuất khẩu tuần này vượt 5.600 USD/tấn, mức cao nhất từ trước đến nay, theo số liệu "
                + "của Hiệp hội Cà phê – Ca cao Việt Nam.",
            "Tại Đắk Lắk, thương lái thu mua cà phê nhân xô ở mức 118.000 đồng/kg, tăng gần gấp đôi so với cùng kỳ "
                + "năm ngoái. Dù vậy, nhiều nhà vườn cho biết sản lượng giảm mạnh vì nắng hạn kéo dài.",
            "Ông Y Blang, một nông dân ở huyện Krông Pắc, kể: “Giá cao thật, nhưng vườn nhà tôi năm nay chỉ được "
                + "chừng nửa số quả so với mọi năm.”",
            "Các chuyên gia khuyến cáo nông dân không nên chặt bỏ cây ăn trái đã trồng xen để quay lại độc canh cà "
                + "phê, vì giá có thể đảo chiều bất cứ lúc nào.",
        ])
    }

    /// An old table layout with no class, id, `<article>` or metadata: content scoring
    /// alone finds the cell; the site's name leaves the `<title>`; the heading that
    /// repeats the title, the date line and the "other news" links go.
    @Test func pageWithoutHints() throws {
        let article = try Self.extract("dua-ghe-ngo-no-hints.html")
        #expect(article.title == "Lễ hội đua ghe ngo thu hút hàng vạn người xem")
        #expect(article.source == nil)
        #expect(article.published == nil)
        #expect(article.author == nil)
        #expect(article.paragraphs == [
            "Sáng 15/11, tại sông Maspero (TP Sóc Trăng), hàng vạn người dân và du khách đã đổ về hai bên bờ để cổ vũ "
                + "cho 52 đội ghe ngo tranh tài trong Lễ hội Oóc Om Bóc – Đua ghe ngo năm nay.",
            "Mỗi chiếc ghe ngo dài khoảng 25 mét, được làm từ một thân gỗ sao nguyên khối, mang trên mình từ 50 đến "
                + "60 tay bơi. Tiếng trống, tiếng kèn và tiếng hò reo vang dội khắp một đoạn sông dài hơn một cây số, "
                + "khi từng cặp ghe lướt đi, rẽ nước trắng xóa.",
            "Ông Thạch Sô Phanh, 67 tuổi, người có hơn bốn mươi năm gắn bó với ghe ngo của chùa Kompông, cho biết cả "
                + "phum sóc đã tập luyện suốt ba tháng, mỗi chiều sau giờ làm đồng, để chuẩn bị cho ngày hội.",
            "Theo Ban tổ chức, lễ hội năm nay có thêm khu trưng bày sản phẩm OCOP, chợ quê và các tiết mục dù kê, rô "
                + "băm, múa lâm thôn, thu hút đông đảo khách từ TP Hồ Chí Minh, Cần Thơ và các tỉnh lân cận.",
            "Kết thúc ngày đua đầu tiên, đội ghe chùa Prếk Chắk ở nội dung nam tạm dẫn đầu, trong khi đội ghe chùa "
                + "Tum Núp giành thành tích tốt nhất ở nội dung nữ. Các vòng chung kết sẽ diễn ra vào chiều mai.",
        ])
    }

    /// A WordPress post: `og:title` with the site's name, `og:url`, the date and author
    /// from meta tags; a poem in `<br>`-separated lines, lists, an inline caption, a
    /// decomposed "à" written as a character reference; share buttons, related posts,
    /// the post's footer, comments and the sidebar dropped.
    @Test func blogPostWithLineBreaksAndLists() throws {
        let article = try Self.extract("blog-ca-phe-phin.html")
        #expect(article.title == "Pha cà phê phin cho buổi sáng")
        #expect(article.source == "https://nhatkycaphe.vn/2024/03/pha-ca-phe-phin/")
        #expect(article.published == "2024-03-02T06:45:00+07:00")
        #expect(article.author == "Lan Anh")
        #expect(article.paragraphs == [
            "Mười năm sống ở Hà Nội, tôi vẫn giữ thói quen của mẹ: mỗi sáng tự pha một phin cà phê, ngồi bên cửa sổ "
                + "và đợi từng giọt rơi. Không vội, không máy móc, chỉ có tiếng nước sôi và mùi cà phê rang.",
            "Chiếc phin nhôm cũ của mẹ, đã theo tôi từ Đà Lạt ra Hà Nội.",
            "Chiếc phin ấy đã xỉn màu, nắp hơi méo, nhưng pha vẫn ngon hơn mọi chiếc phin mới tôi từng mua.",
            "Cần chuẩn bị",
            "• 25 gram cà phê xay vừa (robusta trộn một ít arabica)",
            "• Nước vừa sôi, để nguội chừng 30 giây",
            "• Hai thìa sữa đặc, nếu bạn thích cà phê sữa",
            "• Một chiếc phin và một cái ly thủy tinh dày",
            "Các bước",
            "1. Tráng phin và ly bằng nước nóng.",
            "2. Cho cà phê vào phin, lắc nhẹ cho mặt bột phẳng, đặt nắp gài lên.",
            "3. Rót khoảng 20 ml nước, đợi cà phê nở trong 30 giây.",
            "4. Rót đầy phin, đậy nắp và chờ. Một phin ngon nhỏ giọt trong 4 đến 5 phút.",
            "Mẹ tôi hay đọc mấy câu này mỗi lần pha:\nSáng nay trời nhẹ như tơ,\nPhin rơi từng giọt, ai chờ ai đâu.\n"
                + "Ly cà phê đắng dài lâu,\nThêm chút sữa ngọt cho nhau buổi đầu.",
            "Nếu cà phê chảy quá nhanh, hãy gài nắp chặt hơn; nếu quá chậm, nới nắp ra một chút. Lần đầu có thể chưa "
                + "được, nhưng chỉ sau vài buổi sáng, bạn sẽ biết chiếc phin của mình cần gì. Cà phê ngon nhất là cà phê "
                + "pha cho người mình thương, ở Hà Nội hay bất cứ đâu.",
        ])
        #expect(article.paragraphs.allSatisfy { $0.unicodeScalars.elementsEqual($0.precomposedStringWithCanonicalMapping.unicodeScalars) })
    }

    /// An AMP page: `<html ⚡>`, JSON-LD as an array, the text in `<main>`; the sidebar,
    /// the ad (with its fallback text), the share buttons, `<noscript>` and the related
    /// list dropped.
    @Test func ampPage() throws {
        let article = try Self.extract("amp-hoi-an.html")
        #expect(article.title == "Hội An: Phố cổ ngập sâu, du khách đi thuyền tham quan")
        #expect(article.source == "https://baoquangnam.vn/hoi-an-pho-co-ngap-sau-3142857.html")
        #expect(article.published == "2024-10-28T16:20:00+07:00")
        #expect(article.author == "Vĩnh Lộc")
        #expect(article.paragraphs == [
            "Nước lũ sông Hoài dâng cao, nhấn chìm nhiều tuyến phố trong khu phố cổ Hội An; người dân và du khách phải "
                + "đi lại bằng thuyền.",
            "Thuyền chở du khách trên đường Bạch Đằng chiều 28/10. Ảnh: Vĩnh Lộc",
            "Từ trưa 28/10, nước sông Hoài tràn vào các tuyến đường Bạch Đằng, Nguyễn Thái Học và Trần Phú, có nơi "
                + "ngập sâu hơn một mét. Nhiều hộ kinh doanh ven sông đã kê hàng hóa lên cao từ đêm trước.",
            "Dù vậy, khách du lịch vẫn đến khá đông. Những chiếc thuyền gỗ đưa khách đi dọc các dãy nhà cổ với giá từ "
                + "150.000 đến 200.000 đồng mỗi lượt. “Lần đầu tôi thấy Hội An như thế này, vừa lo vừa thấy lạ,” chị "
                + "Emma, du khách người Anh, nói.",
            "Ông Nguyễn Văn Sơn, Chủ tịch UBND TP Hội An, cho biết thành phố đã di dời 320 hộ dân ở vùng thấp trũng "
                + "đến nơi an toàn và khuyến cáo du khách không tự ý đi thuyền khi nước chảy xiết.",
        ])
    }

    /// The address a page was fetched from is its source only when it names none itself.
    @Test func fetchedAddressIsTheLastResort() throws {
        #expect(try Self.extract("dua-ghe-ngo-no-hints.html", address: "https://tintucmientay.vn/tin/1210").source
            == "https://tintucmientay.vn/tin/1210")
        #expect(try Self.extract("amp-hoi-an.html", address: "https://baoquangnam.vn/amp/3142857").source
            == "https://baoquangnam.vn/hoi-an-pho-co-ngap-sau-3142857.html")
    }

    /// The VnExpress page with its `<article>` elements turned into `<div>`s: content
    /// scoring alone finds the same text (once the first pass, which sets aside the
    /// `sidebar-1` column holding it, leaves too little).
    @Test func scoringAloneFindsTheVietnameseNewsText() throws {
        let html = try String(contentsOf: Self.pages.appendingPathComponent("vnexpress-mua-lon.html"), encoding: .utf8)
        let withoutArticle = html.replacingOccurrences(of: "<article", with: "<div")
            .replacingOccurrences(of: "</article>", with: "</div>")
        let scored = try WebArticle(extractingFrom: withoutArticle)
        #expect(scored.paragraphs == (try Self.extract("vnexpress-mua-lon.html").paragraphs))
    }
}
