import Foundation
import Testing

@Suite("show")
struct ShowTests {
    @Test func showPrintsTheArticleWithItsAnnotations() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id(
            "add", "Margins", "--body", "Read slowly.\nWrite back.", "--source", "https://example.org/m", "--tag", "essay")
        let first = try sandbox.id("annotate", id, "--quote", "Write back", "--note", "line one\nline two", "--tag", "key")
        let second = try sandbox.id("annotate", id, "--quote", "Read")

        // Wide enough that no line wraps (wrapping has tests of its own in ShowRenderingTests).
        let result = try sandbox.ok("show", id, env: ["COLUMNS": "120"])
        let lines = result.lines
        try #require(lines.count >= 9, "\(result)")
        #expect(lines[0] == "Margins")
        #expect(lines[1].hasPrefix("id \(id) · tags essay · source https://example.org/m · updated "))
        #expect(lines[2] == "")
        // Annotated spans are bracketed and numbered like the list below.
        #expect(Array(lines[3...5]) == ["[Read]¹ slowly.", "[Write back]².", ""])
        #expect(Array(lines[6...]) == [
            "Annotations",
            "[1] \(second.prefix(8))  0-4  “Read”",
            "[2] \(first.prefix(8))  13-23  “Write back”",
            "    line one",
            "    line two",
            "    #key",
        ])
    }

    @Test func showJSONHasTheDocumentedShape() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Shape", "--body", "the body text", "--source", "https://example.org/s")
        let annotation = try sandbox.id("annotate", id, "--quote", "body", "--note", "n", "--tag", "t")

        let result = try sandbox.ok("show", id, "--json")
        try #require(result.lines.count == 1)
        let raw = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(raw.keys) == [
            "id", "title", "body", "source", "tags", "state", "conflicts", "created", "updated", "body_revision",
            "annotations",
        ])

        let article = try JSONDecoder().decode(ArticleDoc.self, from: Data(result.stdout.utf8))
        let replica = try sandbox.status().replica.id
        #expect(article.id == id)
        #expect(article.title == "Shape")
        #expect(article.body == "the body text")
        #expect(article.source == "https://example.org/s")
        #expect(article.tags == [])
        #expect(article.state == "live")
        #expect(article.bodyRevision == "\(replica):1")
        #expect(parseISOTime(article.created) != nil && parseISOTime(article.updated) != nil)
        try #require(article.annotations.count == 1)
        let note = article.annotations[0]
        #expect(note.id == annotation)
        #expect(note.article == id)
        #expect((note.start, note.end, note.quote) == (4, 8, "body"))
        #expect((note.prefix, note.suffix) == ("the ", " text"))
        #expect(note.revision == "\(replica):1")
        #expect(note.note == "n")
        #expect(note.tags == ["t"])
        #expect(note.state == "live")
    }

    @Test func showOfAnAnnotation() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Host", "--body", "alpha beta gamma")
        let annotation = try sandbox.id("annotate", id, "--quote", "beta", "--note", "the middle")

        #expect(try sandbox.ok("show", annotation).lines == [
            "\(annotation.prefix(8))  exact     6-10  “beta”  on article \(id.prefix(8))",
            "    the middle",
        ])
        let json = try sandbox.json(AnnotationDoc.self, "show", annotation, "--json")
        #expect(json.id == annotation && json.article == id && json.quote == "beta" && json.note == "the middle")
    }

    @Test func showOfAnUnknownIdFails() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        try sandbox.expectRejected("show", "abcd", status: Exit.failure, mentioning: "no article or annotation")
    }
}
