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
}
