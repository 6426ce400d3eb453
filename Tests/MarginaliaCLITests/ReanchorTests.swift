import Foundation
import Testing

/// Annotations after the body changes, through the real binary: where `annotations`
/// and `show` place them, the notice of an edit that removes highlights, and fixing
/// one by hand with `reanchor`.
@Suite("re-anchoring: annotations --status, show, reanchor")
struct ReanchorTests {
    static let body = "Rain fell for three days over the delta. The river rose. Boats waited at the pier."
    static let edited = "Rain fell days over the delta. Boats waited at the pier."

    /// An article with three annotations, then an edit that leaves one to review, one
    /// orphaned and one moved.
    struct Delta {
        let sandbox: Sandbox
        let article: String
        let review: String
        let orphan: String
        let moved: String
        let edit: RunResult

        init() throws {
            sandbox = try Sandbox()
            article = try sandbox.id("add", "Delta", "--body", ReanchorTests.body)
            review = try sandbox.id("annotate", article, "--quote", "three days over the delta.", "--note", "how long")
            orphan = try sandbox.id("annotate", article, "--quote", "The river rose.")
            moved = try sandbox.id("annotate", article, "--quote", "Boats waited")
            edit = try sandbox.run("edit", article, "--body-file", try sandbox.write("edited.txt", ReanchorTests.edited))
        }
    }

    @Test func anEditThatRemovesHighlightsSaysSo() throws {
        let delta = try Delta()
        defer { delta.sandbox.remove() }
        #expect(delta.edit.status == 0 && delta.edit.stdout == "", "\(delta.edit)")
        #expect(delta.edit.errorLines == ["this edit removes 2 highlights (kept; see 'marginalia show \(delta.article.prefix(8))')"])

        // Removing none says nothing; replace says it after its own line.
        try delta.sandbox.ok("edit", delta.article, "--body-file", try delta.sandbox.write("more.txt", Self.edited + " Night came."))
        let replace = try delta.sandbox.run("replace", delta.article, "Boats waited", "Ferries left")
        #expect(replace.status == 0 && replace.lines == ["replaced 1 occurrence"], "\(replace)")
        #expect(replace.errorLines == ["this edit removes 1 highlight (kept; see 'marginalia show \(delta.article.prefix(8))')"])
        try delta.sandbox.expectVerified()
    }

    @Test func annotationsListsStatusesAndFiltersByOne() throws {
        let delta = try Delta()
        defer { delta.sandbox.remove() }
        let sandbox = delta.sandbox
        let short = delta.article.prefix(8)
        #expect(try sandbox.ok("annotations", delta.article).lines == [
            "\(delta.review.prefix(8))  review    4-30  “three days over the delta.”  on article \(short)",
            "    how long",
            "\(delta.moved.prefix(8))  moved     31-43  “Boats waited”  on article \(short)",
            "\(delta.orphan.prefix(8))  orphaned  “The river rose.”  on article \(short)",
        ])

        let orphaned = try sandbox.ok("annotations", "--status", "orphaned", "--json")
        #expect(orphaned.stdout.contains(#""end":null"#) && orphaned.stdout.contains(#""start":null"#), "\(orphaned)")
        let orphan = try #require(try orphaned.jsonLines(AnnotationDoc.self).first)
        #expect(orphaned.lines.count == 1 && orphan.id == delta.orphan)
        #expect((orphan.status, orphan.start, orphan.end) == ("orphaned", nil, nil))
        #expect((orphan.anchoredStart, orphan.anchoredEnd, orphan.quote) == (41, 56, "The river rose."))

        let review = try sandbox.jsonLines(AnnotationDoc.self, "annotations", delta.article, "--status", "review", "--json")
        #expect(review.map(\.id) == [delta.review])
        #expect(review.map(\.status) == ["review"] && review.first?.start == 4 && review.first?.end == 30)
        let moved = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--status", "moved", "--json")
        #expect(moved.map(\.id) == [delta.moved] && moved.first?.start == 31 && moved.first?.anchoredStart == 57)
        #expect(try sandbox.ok("annotations", "--status", "exact", "--json").stdout == "")
        try sandbox.expectUsageError("annotations", "--status", "lost", mentioning: "--status")
    }

    @Test func showMarksAnnotationsToReviewAndListsOrphansLast() throws {
        let delta = try Delta()
        defer { delta.sandbox.remove() }
        let sandbox = delta.sandbox
        let lines = try sandbox.ok("show", delta.article, env: ["COLUMNS": "100"]).lines
        #expect(Array(lines.dropFirst(2)) == [
            "",
            "Rain[ fell days over the delta.]¹ [Boats waited]² at the pier.",
            "",
            "Annotations",
            "[1] \(delta.review.prefix(8))  4-30  “three days over the delta.”  needs review",
            "    how long",
            "[2] \(delta.moved.prefix(8))  31-43  “Boats waited”",
            "",
            "Orphaned: their words are no longer in the body",
            "[3] \(delta.orphan.prefix(8))  “The river rose.”  orphaned",
        ])
        let article = try sandbox.json(ArticleDoc.self, "show", delta.article, "--json")
        #expect(article.annotations.map(\.id) == [delta.review, delta.moved, delta.orphan])
        #expect(article.annotations.map(\.status) == ["review", "moved", "orphaned"])
        let one = try sandbox.json(AnnotationDoc.self, "show", delta.orphan, "--json")
        #expect((one.status, one.start) == ("orphaned", nil))
        #expect(try sandbox.ok("show", delta.orphan).lines == [
            "\(delta.orphan.prefix(8))  orphaned  “The river rose.”  on article \(delta.article.prefix(8))"
        ])
    }

    @Test func reanchorPlacesAnAnnotationAgainInTheCurrentBody() throws {
        let delta = try Delta()
        defer { delta.sandbox.remove() }
        let sandbox = delta.sandbox
        let revision = try sandbox.json(ArticleDoc.self, "show", delta.article, "--json").bodyRevision
        let result = try sandbox.ok("reanchor", delta.orphan, "--quote", "the pier")
        #expect(result.stdout == "")
        let fixed = try sandbox.json(AnnotationDoc.self, "show", delta.orphan, "--json")
        #expect((fixed.status, fixed.start, fixed.end, fixed.quote) == ("exact", 47, 55, "the pier"))
        #expect(fixed.revision == revision && fixed.prefix == "over the delta. Boats waited at ")

        try sandbox.ok("reanchor", delta.review, "--range", "10-29")
        let byRange = try sandbox.json(AnnotationDoc.self, "show", delta.review, "--json")
        #expect((byRange.status, byRange.quote, byRange.note) == ("exact", "days over the delta", "how long"))
        try sandbox.ok("reanchor", String(delta.moved.prefix(6)), "--quote", "a", "--occurrence", "3")
        #expect(try sandbox.json(AnnotationDoc.self, "show", delta.moved, "--json").start == 28)
        #expect(try sandbox.ok("annotations", "--status", "orphaned", "--json").stdout == "")
        try sandbox.expectVerified()
    }

    /// Bad quotes and ranges are refused as `annotate` refuses them (`AnchorErrorTests`);
    /// here, what only `reanchor` can get wrong.
    @Test func reanchorRefusesAnArticleAndAnUnknownID() throws {
        let delta = try Delta()
        defer { delta.sandbox.remove() }
        try delta.sandbox.expectRejected(
            "reanchor", delta.article, "--quote", "Rain", status: Exit.failure, mentioning: "is an article, not an annotation")
        try delta.sandbox.expectRejected(
            "reanchor", "zzzz", "--quote", "Rain", status: Exit.failure, mentioning: "zzzz")
    }

    @Test func vietnameseInNFDIsPlacedAsNFC() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let body = "Mực nước sông Tô Lịch dâng cao. Đường Láng ngập nửa bánh xe."
        let article = try sandbox.id("add", "Hà Nội", "--body", body.decomposedStringWithCanonicalMapping)
        let id = try sandbox.id("annotate", article, "--quote", "Đường Láng".decomposedStringWithCanonicalMapping)
        let lead = "Sáng nay, "
        try sandbox.ok(
            "edit", article, "--body-file",
            try sandbox.write("nfd.txt", (lead + body).decomposedStringWithCanonicalMapping))

        let placed = try sandbox.json(AnnotationDoc.self, "show", id, "--json")
        let start = (lead + body.prefix { $0 != "Đ" }).unicodeScalars.count
        #expect((placed.status, placed.start, placed.end) == ("moved", start, start + 10))
        #expect(scalars(placed.quote) == scalars("Đường Láng".precomposedStringWithCanonicalMapping))

        try sandbox.ok("reanchor", id, "--quote", "Mực nước".decomposedStringWithCanonicalMapping)
        let fixed = try sandbox.json(AnnotationDoc.self, "show", id, "--json")
        #expect((fixed.status, fixed.start, fixed.end) == ("exact", 10, 18))
        #expect(scalars(fixed.quote) == scalars("Mực nước".precomposedStringWithCanonicalMapping))
    }

    @Test func emojiAndQuotesAtTheVeryStartAndEnd() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Bão", "--body", "🌊 lũ về giữa đêm 🌧")
        let first = try sandbox.id("annotate", article, "--quote", "🌊 lũ")
        let last = try sandbox.id("annotate", article, "--quote", "đêm 🌧")
        try sandbox.ok("edit", article, "--body-file", try sandbox.write("storm.txt", "🌊 lũ về 𝕏 nhanh giữa đêm 🌧"))
        let placed = try sandbox.jsonLines(AnnotationDoc.self, "annotations", article, "--json")
        #expect(placed.map(\.id) == [first, last])
        #expect(placed.map(\.status) == ["exact", "moved"])
        #expect(placed.map(\.start) == [0, 21] && placed.map(\.end) == [4, 26])
        let lines = try sandbox.ok("show", article).lines
        #expect(lines.contains("[🌊 lũ]¹ về 𝕏 nhanh giữa [đêm 🌧]²"), "\(lines)")
    }

    /// A Vietnamese news article whose first paragraph opens with "Ban chấp hành" and
    /// whose last paragraph holds "Ban Chấp hành" (issue 12, item 3).
    static let congress = """
        Công đoàn ngành Giáo dục tổng kết năm học

        Ban chấp hành Công đoàn ngành Giáo dục thành phố vừa tổ chức hội nghị lần thứ năm, tổng kết công tác năm học và bàn phương hướng cho nhiệm kỳ mới.

        Hội nghị có sự tham dự của hơn 120 đại biểu đến từ các quận, huyện và các trường trực thuộc. Nhiều ý kiến tập trung vào chế độ cho giáo viên vùng khó khăn.

        Theo báo cáo, trong năm qua công đoàn các cấp đã thăm hỏi, hỗ trợ gần 2.300 đoàn viên có hoàn cảnh khó khăn với tổng số tiền khoảng 4,6 tỷ đồng.

        Chương trình “Mái ấm công đoàn” đã xây mới và sửa chữa 37 căn nhà cho giáo viên, chủ yếu ở các huyện ngoại thành.

        Bà Nguyễn Thị Lan, giáo viên một trường tiểu học ở huyện Sóc Sơn, chia sẻ: “Nhờ có sự hỗ trợ kịp thời, gia đình tôi đã có chỗ ở ổn định trước mùa mưa bão.”

        Tuy nhiên, hội nghị cũng chỉ ra một số hạn chế như công tác nắm bắt tâm tư của đoàn viên ở một số đơn vị còn chậm, việc phát triển đoàn viên trong các trường ngoài công lập chưa đạt chỉ tiêu.

        Về phương hướng, năm tới công đoàn ngành đặt mục tiêu phát triển thêm 1.500 đoàn viên, tổ chức các lớp tập huấn kỹ năng cho cán bộ công đoàn cơ sở.

        Ngành cũng sẽ phối hợp với chính quyền để rà soát, đề xuất chính sách nhà ở cho giáo viên trẻ và giáo viên công tác xa nhà.

        Phát biểu chỉ đạo, đại diện Liên đoàn Lao động thành phố ghi nhận những kết quả đã đạt được và đề nghị công đoàn ngành tiếp tục đổi mới phương thức hoạt động.

        Tại hội nghị, các đại biểu đã biểu quyết thông qua việc kiện toàn nhân sự, bầu bổ sung hai ủy viên và trao bằng khen cho 25 tập thể, 40 cá nhân có thành tích xuất sắc. Ban Chấp hành cũng thống nhất chương trình công tác toàn khóa và lịch họp định kỳ mỗi quý.
        """

    /// The issue's steps: a `replace` inside the highlight, then the last paragraph moved
    /// to the top. The highlight used to grow from 10 characters to 102, across a
    /// paragraph break from the other "Ban Chấp hành"; it stays on its own words.
    @Test func aHighlightStaysOnItsWordsThroughAReplaceThenAParagraphMove() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("import", try sandbox.write("cong-doan.txt", Self.congress))
        let highlight = try sandbox.id("annotate", article, "--range", "0-10")
        #expect(try sandbox.json(AnnotationDoc.self, "show", highlight, "--json").quote == "Ban chấp h")
        try sandbox.ok("replace", article, "Ban chấp hành", "Ban Chấp hành")
        var paragraphs = try sandbox.json(ArticleDoc.self, "show", article, "--json").body.components(separatedBy: "\n\n")
        paragraphs.insert(paragraphs.removeLast(), at: 0)
        try sandbox.ok("edit", article, "--body-file", try sandbox.write("moved.txt", paragraphs.joined(separator: "\n\n")))

        let start = paragraphs[0].unicodeScalars.count + 2
        #expect(try sandbox.ok("annotations", article).lines == [
            "\(highlight.prefix(8))  fuzzy     \(start)-\(start + 10)  “Ban chấp h”  on article \(article.prefix(8))"
        ])
        try sandbox.expectVerified()
    }
}
