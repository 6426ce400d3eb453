import Foundation
import Testing

@Suite("annotate, note, annotations")
struct AnnotateTests {
    static let body = "The river rose. The river fell. Then the river slept."

    @Test func annotateByUniqueQuote() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "River", "--body", Self.body)
        let id = try sandbox.id("annotate", article, "--quote", "rose", "--note", "high water", "--tag", "flood")

        let annotation = try sandbox.json(AnnotationDoc.self, "show", id, "--json")
        #expect((annotation.start, annotation.end, annotation.quote) == (10, 14, "rose"))
        #expect(annotation.prefix == "The river ")
        #expect(annotation.suffix == ". The river fell. Then the river")
        #expect(annotation.note == "high water")
        #expect(annotation.tags == ["flood"])
        try sandbox.expectVerified()
    }

    @Test func annotateByOccurrence() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "River", "--body", Self.body)
        let second = try sandbox.id("annotate", article, "--quote", "river", "--occurrence", "2")
        let third = try sandbox.id("annotate", article, "--quote", "river", "--occurrence", "3")

        let annotations = try sandbox.jsonLines(AnnotationDoc.self, "annotations", article, "--json")
        #expect(annotations.map(\.id) == [second, third])
        #expect(annotations.map(\.start) == [20, 41])
        #expect(annotations.map(\.quote) == ["river", "river"])
    }

    @Test func annotateByRange() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "River", "--body", Self.body)
        let id = try sandbox.id("annotate", article, "--range", "0-15")
        let annotation = try sandbox.json(AnnotationDoc.self, "show", id, "--json")
        #expect(annotation.quote == "The river rose.")
        #expect(annotation.prefix == "")

        let whole = try sandbox.id("annotate", article, "--range", "0-\(Self.body.unicodeScalars.count)")
        #expect(try sandbox.json(AnnotationDoc.self, "show", whole, "--json").quote == Self.body)
    }

    @Test func noteReplacesTheNote() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "River", "--body", Self.body)
        let id = try sandbox.id("annotate", article, "--quote", "slept")
        let before = try sandbox.status().changes

        let result = try sandbox.ok("note", id, "Quiet at last.")
        #expect(result.stdout == "")
        #expect(try sandbox.json(AnnotationDoc.self, "show", id, "--json").note == "Quiet at last.")
        #expect(try sandbox.status().changes == before + 1)

        try sandbox.expectRejected("note", id, "Quiet at last.", status: Exit.failure, mentioning: "nothing to change")
        try sandbox.expectRejected("note", article, "x", status: Exit.failure, mentioning: "is an article, not an annotation")
        try sandbox.expectVerified()
    }

    @Test func annotationsListsAllOrThoseOfOneArticle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let river = try sandbox.id("add", "River", "--body", Self.body)
        let other = try sandbox.id("add", "Other", "--body", "another text")
        let onRiver = try sandbox.id("annotate", river, "--quote", "fell", "--note", "down")
        let onOther = try sandbox.id("annotate", other, "--quote", "another")

        let all = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json")
        #expect(Set(all.map(\.id)) == [onRiver, onOther])
        let ofRiver = try sandbox.jsonLines(AnnotationDoc.self, "annotations", river, "--json")
        #expect(ofRiver.map(\.id) == [onRiver])
        #expect(ofRiver.first?.article == river)

        #expect(try sandbox.ok("annotations", river).lines == [
            "\(onRiver.prefix(8))  exact     26-30  “fell”  on article \(river.prefix(8))",
            "    down",
        ])
        try sandbox.expectRejected(
            "annotations", onRiver, status: Exit.failure, mentioning: "is an annotation, not an article")
    }
}
