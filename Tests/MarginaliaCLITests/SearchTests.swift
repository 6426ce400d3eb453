import Foundation
import Testing

@Suite("search")
struct SearchTests {
    @Test func searchIgnoresDiacritics() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyExampleArticles()
        let ids = try sandbox.ok("import", folder).lines
        let hanoi = ids[1]  // cafe-sua-da, ha-noi-mua-lu, reading-in-the-margins

        let hits = try sandbox.jsonLines(SearchHitDoc.self, "search", "nuoc", "--json")
        #expect(hits.map(\.id) == [hanoi])
        #expect(hits.first?.kind == "article")
        #expect(hits.first?.article == hanoi)
        #expect(hits.first?.title == ImportListTests.vietnameseTitle)
        #expect(hits.first?.snippet.contains("[nước]") == true, "\(hits)")

        // Several words: each must occur; case and marks do not matter either way.
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "muc", "nuoc", "--json").map(\.id) == [hanoi])
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "MỰC NƯỚC", "--json").map(\.id) == [hanoi])
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "nuoc", "pencil", "--json").isEmpty)
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "cafe", "--json").map(\.id) == [ids[0]])

        let human = try sandbox.ok("search", "muc", "nuoc")
        #expect(human.lines.count == 2)
        #expect(human.lines.first == "\(hanoi.prefix(8))  \(ImportListTests.vietnameseTitle)")
        #expect(human.lines.last?.hasPrefix("    ") == true)
    }

    /// Vietnamese typed without marks writes "d" for "đ": "Dong Da" is "Đống Đa".
    @Test func searchFoldsDStrokeToD() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyExampleArticles()
        let hanoi = try sandbox.id("import", "\(folder)/ha-noi-mua-lu.txt")
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "Dong", "Da", "--json").map(\.id) == [hanoi])
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "duc", "--json").map(\.id) == [hanoi])
    }

    @Test func resultsAreRankedBestFirst() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let filler = Array(repeating: "lorem ipsum dolor sit amet", count: 40).joined(separator: " ")
        let weak = try sandbox.id("add", "Weak", "--body", "\(filler) nước \(filler)")
        let strong = try sandbox.id("add", "Nước sạch", "--body", "Nước, nước và nước.")
        let unrelated = try sandbox.id("add", "Unrelated", "--body", "nothing to see")
        let annotation = try sandbox.id("annotate", unrelated, "--quote", "nothing", "--note", "thiếu nước")

        let hits = try sandbox.jsonLines(SearchHitDoc.self, "search", "nuoc", "--json")
        #expect(Set(hits.map(\.id)) == [weak, strong, annotation])
        #expect(hits.first?.id == strong)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.rank <= $1.rank }, "\(hits.map(\.rank))")
        let noteHit = try #require(hits.first { $0.kind == "annotation" })
        #expect(noteHit.article == unrelated)
        #expect(noteHit.title == "Unrelated")

        let limited = try sandbox.jsonLines(SearchHitDoc.self, "search", "nuoc", "--limit", "1", "--json")
        #expect(limited.map(\.id) == [strong])

        let human = try sandbox.ok("search", "nuoc").lines
        #expect(human.contains("\(unrelated.prefix(8))  note \(annotation.prefix(8)) on Unrelated"))
    }

    @Test func searchWithoutWordsIsAUsageError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        try sandbox.expectUsageError("search", mentioning: "Missing expected argument '<words> ...'")
        try sandbox.expectUsageError("search", "x", "--limit", "0", mentioning: "--limit must be at least 1")
    }

    @Test func punctuationInTheQueryIsNotSyntax() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try sandbox.id("add", "Quotes", "--body", "she said \"trust me\" (twice) AND left")
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "\"trust", "--json").map(\.id) == [id])
        #expect(try sandbox.jsonLines(SearchHitDoc.self, "search", "AND", "--json").map(\.id) == [id])
        #expect(try sandbox.ok("search", "(twice)", "NOT", "*").stdout == "")
    }
}
