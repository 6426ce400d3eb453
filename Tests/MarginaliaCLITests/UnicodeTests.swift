import Foundation
import Testing

/// Text is stored in NFC and offsets count Unicode scalars. Strings here are compared
/// with `scalars(_:)`: Swift's `==` treats NFC and NFD as equal.
@Suite("Unicode")
struct UnicodeTests {
    static let vietnamese = "Mực nước sông Tô Lịch dâng cao; người dân Hà Nội lội nước."
    static var nfc: String { vietnamese.precomposedStringWithCanonicalMapping }
    static var nfd: String { vietnamese.decomposedStringWithCanonicalMapping }

    @Test func theSamplesDifferInForm() {
        #expect(scalars(Self.nfc) != scalars(Self.nfd))
        #expect(Self.nfd.unicodeScalars.count > Self.nfc.unicodeScalars.count)
    }

    @Test func nfdOnStandardInputIsStoredAsNFC() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let title = "Lũ lụt".decomposedStringWithCanonicalMapping
        let id = try sandbox.id("add", title, stdin: Self.nfd)

        let result = try sandbox.ok("show", id, "--json")
        // Byte for byte: the JSON text itself carries the NFC bytes.
        #expect(result.stdout.utf8.contains(Array(Self.nfc.utf8)))
        #expect(!result.stdout.utf8.contains(Array(Self.nfd.utf8)))
        let article = try JSONDecoder().decode(ArticleDoc.self, from: Data(result.stdout.utf8))
        #expect(Array(article.body.utf8) == Array(Self.nfc.utf8))
        #expect(scalars(article.title) == scalars("Lũ lụt".precomposedStringWithCanonicalMapping))
        try sandbox.expectVerified()
    }

    @Test func nfdInAFileAndInAnImportIsStoredAsNFC() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write("nfd.txt", "Tiêu đề\n\n".decomposedStringWithCanonicalMapping + Self.nfd)
        let added = try sandbox.id("add", "From file", "--file", path)
        let imported = try sandbox.id("import", path)

        #expect(Array(try sandbox.json(ArticleDoc.self, "show", added, "--json").body.utf8)
            == Array(("Tiêu đề\n\n" + Self.nfc).precomposedStringWithCanonicalMapping.utf8))
        let article = try sandbox.json(ArticleDoc.self, "show", imported, "--json")
        #expect(Array(article.title.utf8) == Array("Tiêu đề".precomposedStringWithCanonicalMapping.utf8))
        #expect(Array(article.body.utf8) == Array(Self.nfc.utf8))
    }

    @Test func aQuoteTypedInNFDMatches() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Sông", "--body", Self.nfc)
        let quote = "sông Tô Lịch".decomposedStringWithCanonicalMapping
        let annotation = try sandbox.id("annotate", id, "--quote", quote, "--note", "ghi chú".decomposedStringWithCanonicalMapping)

        let stored = try sandbox.json(AnnotationDoc.self, "show", annotation, "--json")
        #expect(Array(stored.quote.utf8) == Array("sông Tô Lịch".precomposedStringWithCanonicalMapping.utf8))
        #expect((stored.start, stored.end) == (9, 21))
        #expect(Array(stored.note.utf8) == Array("ghi chú".precomposedStringWithCanonicalMapping.utf8))

        // The second "nước", typed in NFD, with --occurrence.
        let second = try sandbox.id(
            "annotate", id, "--quote", "nước".decomposedStringWithCanonicalMapping, "--occurrence", "2")
        let secondAnchor = try sandbox.json(AnnotationDoc.self, "show", second, "--json")
        #expect((secondAnchor.start, secondAnchor.end) == (53, 57))
    }

    /// Offsets count scalars of the NFC body: "📚" is one (two in UTF-16, four in
    /// UTF-8) and "ệ" is one (three in NFD).
    @Test func rangeOffsetsCountUnicodeScalars() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // Đ0 ọ1 c2 ␠3 📚4 ␠5 v6 ề7 ␠8 h9 ệ10 ␠11 t12 h13 ố14 n15 g16
        let body = "Đọc 📚 về hệ thống"
        let id = try sandbox.id("add", "Sách", stdin: body.decomposedStringWithCanonicalMapping)

        let annotation = try sandbox.id("annotate", id, "--range", "4-11")
        var anchor = try sandbox.json(AnnotationDoc.self, "show", annotation, "--json")
        #expect(Array(anchor.quote.utf8) == Array("📚 về hệ".utf8))
        #expect(Array(anchor.prefix.utf8) == Array("Đọc ".utf8))
        #expect(Array(anchor.suffix.utf8) == Array(" thống".utf8))

        let single = try sandbox.id("annotate", id, "--range", "10-11")
        anchor = try sandbox.json(AnnotationDoc.self, "show", single, "--json")
        #expect(scalars(anchor.quote) == [0x1EC7])  // ệ

        let book = try sandbox.id("annotate", id, "--quote", "📚")
        anchor = try sandbox.json(AnnotationDoc.self, "show", book, "--json")
        #expect((anchor.start, anchor.end) == (4, 5))
        try sandbox.expectRejected(
            "annotate", id, "--range", "0-18", status: Exit.dataError, mentioning: "which has 17 characters")
    }

    @Test func replaceAndSearchWorkOnNFDInput() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Thay", "--body", Self.nfc)
        let result = try sandbox.ok(
            "replace", id, "nước".decomposedStringWithCanonicalMapping, "NƯỚC".decomposedStringWithCanonicalMapping, "--all")
        #expect(result.lines == ["replaced 2 occurrences"])
        let body = try sandbox.json(ArticleDoc.self, "show", id, "--json").body
        #expect(Array(body.utf8) == Array(Self.nfc.replacingOccurrences(of: "nước", with: "NƯỚC").utf8))
        let hits = try sandbox.jsonLines(SearchResultDoc.self, "search", "Lịch".decomposedStringWithCanonicalMapping, "--json")
        #expect(hits.map(\.article) == [id])
    }
}
