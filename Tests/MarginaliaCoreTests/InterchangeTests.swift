import Foundation
@testable import MarginaliaCore
import Testing

/// The pure side of import and export: offsets, ids, file shapes, and rendering of
/// overlapping highlights.
@Suite("Interchange")
struct InterchangeTests {
    static let body = "Mưa 🌧️ lớn, mực nước sông Hồng <dâng> & cao."

    private static func annotated(_ spans: [(quote: String, note: String)]) -> AnnotatedArticle {
        let text = ScalarText(body)
        let article = ArticleSnapshot(
            id: EntityID("0000000000000art")!, title: "Lũ & <mưa>", body: body, bodyRevision: nil, source: nil, tags: [],
            existence: .live, conflictedFields: [], created: 0, updated: 0)
        let placed = spans.enumerated().map { index, span in
            let range = text.occurrences(of: Array(span.quote.unicodeScalars))[0]
            let annotation = AnnotationSnapshot(
                id: EntityID("00000000000000a\(index)")!, article: article.id, anchor: nil, note: span.note, tags: [],
                existence: .live, conflictedFields: [], created: 0, updated: 0)
            return PlacedAnnotation(annotation: annotation, placement: AnchorPlacement(range: range, status: .exact))
        }
        return AnnotatedArticle(article: article, annotations: placed)
    }

    @Test func utf16OffsetsBecomeScalarOffsets() {
        let text = ScalarText("a🌧️b😀c")  // 🌧 takes two UTF-16 units, its variation selector one; 😀 two
        #expect([0, 1, 3, 4, 5, 7, 8, 99].map { text.scalarOffset(utf16Offset: $0) } == [0, 1, 2, 3, 4, 5, 6, 6])
    }

    @Test func derivedIdsAreStableAndDistinct() {
        let one = StableIdentifier.entityID(for: "hypothesis:Vx3kPq9aEe-7wLmN0aBcDe")
        #expect(one == StableIdentifier.entityID(for: "hypothesis:Vx3kPq9aEe-7wLmN0aBcDe"))
        #expect(one != StableIdentifier.entityID(for: "hypothesis:Vx3kPq9aEe-7wLmN0aBcDf"))
        let ids = Set((0..<10_000).map { StableIdentifier.entityID(for: "https://example.org/a/\($0)") })
        #expect(ids.count == 10_000)
    }

    @Test func urnsRoundTripAndRefuseOtherNames() {
        let id = EntityID("jdx13nmxgdb7xdwr")!
        #expect(InterchangeURN.annotationID(in: InterchangeURN.annotation(id)) == id)
        #expect(InterchangeURN.articleID(in: InterchangeURN.article(id)) == id)
        #expect(InterchangeURN.articleID(in: InterchangeURN.annotation(id)) == nil)
        #expect(InterchangeURN.annotationID(in: "urn:marginalia:annotation:not-an-id") == nil)
    }

    @Test func overlappingHighlightsAreCutAtEveryBoundary() {
        let segments = HighlightSegments(Self.annotated([("mực nước sông", ""), ("nước sông Hồng", ""), ("sông", "")]))
            .segments.filter { !$0.covering.isEmpty }
        #expect(segments.map { ScalarText(Self.body).text($0.range) } == ["mực ", "nước ", "sông", " Hồng"])
        #expect(segments.map(\.covering) == [[1], [1, 2], [1, 2, 3], [2]])
        #expect(segments.map(\.ending) == [[], [], [1, 3], [2]])
    }

    @Test func htmlNestsMarksAndEscapesText() {
        let html = HTMLExport.render(Self.annotated([("nước sông", "<b>"), ("sông Hồng <dâng>", "")]), language: "vi")
        #expect(html.contains("<title>Lũ &amp; &lt;mưa&gt;</title>"))
        #expect(html.contains(
            ##"<mark id="mark-1" data-annotation="1">nước </mark><mark data-annotation="1"><mark id="mark-2" data-annotation="2">sông</mark></mark><sup class="ref"><a href="#note-1">1</a></sup><mark data-annotation="2"> Hồng &lt;dâng&gt;</mark>"##))
        #expect(html.contains(#"<p class="note-text">&lt;b&gt;</p>"#))
        #expect(!html.contains("<b>"))
    }

    @Test func aHypothesisArrayAndAW3CCollectionAreToldApart() throws {
        let hypothesis = #"[{"id": "a1", "uri": "https://x.org", "text": "n", "tags": ["lũ lụt"], "target": [{"source": "https://x.org", "selector": [{"type": "TextPositionSelector", "start": 3, "end": 5}, {"type": "TextQuoteSelector", "exact": "ab"}]}]}]"#
        let file = try AnnotationFile(parsing: Data(hypothesis.utf8), source: "h.json")
        #expect(file.format == .hypothesis)
        #expect(file.annotations.map(\.position) == [.utf16(3..<5)])
        #expect(file.annotations.map(\.tags) == [["lũ-lụt"]])
        #expect(file.annotations.map(\.sourceURLs) == [["https://x.org"]])

        let w3c = #"{"type": ["AnnotationCollection"], "first": {"items": [{"type": "Annotation", "bodyValue": "n", "target": {"source": "urn:marginalia:article:0000000000000art", "scope": "https://x.org", "selector": [{"type": "TextQuoteSelector", "exact": "ab"}]}}]}}"#
        let collection = try AnnotationFile(parsing: Data(w3c.utf8), source: "w.json")
        #expect(collection.format == .w3c)
        #expect(collection.annotations.map(\.articleID) == [EntityID("0000000000000art")])
        #expect(collection.annotations.map(\.sourceURLs) == [["https://x.org"]])
        #expect(collection.annotations.map(\.note) == ["n"])
    }

    @Test func aW3CCollectionReadsBackWhatItWrote() throws {
        let article = Self.annotated([("mực nước", "ghi chú"), ("sông Hồng", "")])
        let written = try CanonicalJSON.encode(W3CAnnotationCollection(label: "x", articles: [article]))
        let read = try AnnotationFile(parsing: written, source: "x.jsonld")
        #expect(read.annotations.map(\.id) == article.annotations.map(\.annotation.id))
        #expect(read.annotations.map(\.quote) == ["mực nước", "sông Hồng"])
        #expect(read.annotations.map(\.position) == article.annotations.map { $0.placement.range.map { .scalars($0) } })
        #expect(read.annotations.map(\.note) == ["ghi chú", ""])
    }
}
