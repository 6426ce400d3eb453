import Foundation
import Testing

/// Several processes share one replica file: writes wait for each other, none is lost.
@Suite("several processes on one replica")
struct ConcurrencyTests {
    @Test func concurrentAddsAreAllRecorded() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "shared")

        let running = try (0..<12).map { try sandbox.start("add", "Parallel \($0)", "--body", "body \($0)") }
        let results = try running.map { try $0.finish() }
        for result in results {
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr == "", "\(result)")
        }
        let ids = results.compactMap(\.lines.first)
        #expect(Set(ids).count == 12)

        let status = try sandbox.status()
        #expect(status.articles == 12)
        #expect(status.changes == 12)
        #expect(status.knowledge == [status.replica.id: 12])
        let counters = try sandbox.jsonLines(ChangeDoc.self, "log", "--limit", "100", "--json").map(\.counter)
        #expect(counters.sorted() == Array(1...12))
        try sandbox.expectVerified()
    }

    @Test func concurrentAnnotationsAndReadsOfOneArticle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let words = (0..<8).map { "word\($0)" }
        let article = try sandbox.id("add", "Shared", "--body", words.joined(separator: " "))

        var running: [RunningProcess] = []
        for word in words {
            running.append(try sandbox.start("annotate", article, "--quote", word))
            running.append(try sandbox.start("show", article, "--json"))
        }
        for result in try running.map({ try $0.finish() }) {
            #expect(result.status == 0, "\(result)")
        }
        let annotations = try sandbox.jsonLines(AnnotationDoc.self, "annotations", article, "--json")
        #expect(annotations.map(\.quote) == words)
        try sandbox.expectVerified()
    }
}
