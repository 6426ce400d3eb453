import MarginaliaCore
import Testing

@Suite("FieldName and Tag")
struct FieldNameTests {
    @Test(arguments: ["title", "body", "source", "article", "anchor", "note", "alive", "tag:urgent", "tag:日本", "tag:a-b_c"])
    func wireFormRoundTrips(text: String) throws {
        let name = try #require(FieldName(text))
        #expect(name.rawValue == text)
        #expect(name.description == text)
    }

    @Test(arguments: ["", "Title", "colour", "tag:", "tag:a b", "tag:a,b", "tag:\t", "tag", "tags:x", " title"])
    func unknownNamesAreRejected(text: String) {
        #expect(FieldName(text) == nil)
    }

    @Test func userFieldsAndValueTypes() {
        #expect(FieldName.title.isUserField && FieldName.body.isUserField && FieldName.note.isUserField)
        #expect(!FieldName.alive.isUserField)
        #expect(!FieldName.tag("x").isUserField)
        #expect(FieldValue.text("x").isOfType(FieldName.title.valueType))
        #expect(FieldValue.none.isOfType(FieldName.source.valueType))
        #expect(!FieldValue.none.isOfType(FieldName.title.valueType))
        #expect(FieldValue.flag(true).isOfType(FieldName.tag("x").valueType))
        #expect(FieldValue.reference(Fixture.article).isOfType(FieldName.article.valueType))
        #expect(!FieldValue.text("x").isOfType(FieldName.alive.valueType))
    }

    @Test func namesSortByWireForm() {
        let names: [FieldName] = [.title, .tag("b"), .alive, .tag("a"), .body, .source]
        #expect(names.sorted().map(\.rawValue) == ["alive", "body", "source", "tag:a", "tag:b", "title"])
    }

    @Test func tagNamesAreNormalizedToNFC() throws {
        let tag = try #require(Tag("cafe\u{0301}"))
        #expect(tag.name == "caf\u{00E9}")
        #expect(tag.name.unicodeScalars.count == 4)
        #expect(Tag("Urgent") != Tag("urgent"))
    }

    /// The wire form must be canonical: a tag field name not in NFC is refused rather than
    /// normalized, so received bytes always re-encode to themselves.
    @Test func wireTagNamesMustBeNFC() {
        #expect(FieldName("tag:cafe\u{0301}") == nil)
        #expect(FieldName("tag:caf\u{00E9}") == .tag("caf\u{00E9}"))
    }

    @Test func tagLengthLimitCountsScalars() {
        #expect(Tag(String(repeating: "x", count: 64)) != nil)
        #expect(Tag(String(repeating: "x", count: 65)) == nil)
        #expect(Tag(String(repeating: "ệ", count: 64)) != nil)
        // 64 NFD "ệ" are 192 scalars before normalization, 64 after.
        #expect(Tag(String(repeating: "e\u{0323}\u{0302}", count: 64)) != nil)
    }

    @Test(arguments: ["", " ", "a b", "a\u{00A0}b", "a\nb", "a\u{0007}", "a,b"])
    func invalidTagsAreRejected(text: String) {
        #expect(Tag(text) == nil)
    }
}
