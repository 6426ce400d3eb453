import Foundation
import Testing

@Suite("rm")
struct RemoveTests {
    @Test func removingAnAnnotationKeepsTheArticle() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Keep", "--body", "alpha beta")
        let gone = try sandbox.id("annotate", article, "--quote", "alpha")
        let kept = try sandbox.id("annotate", article, "--quote", "beta")

        #expect(try sandbox.ok("rm", gone).lines == ["deleted annotation \(gone)"])
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json").map(\.id) == [kept])
        #expect(try sandbox.json(ArticleDoc.self, "show", article, "--json").annotations.map(\.id) == [kept])
        let status = try sandbox.status()
        #expect((status.articles, status.annotations, status.changes) == (1, 1, 4))
        try sandbox.expectRejected("note", gone, "late", status: Exit.failure, mentioning: "has been deleted")
        try sandbox.expectRejected("tag", gone, "+late", status: Exit.failure, mentioning: "has been deleted")
        try sandbox.expectVerified()
    }

    /// Like a deleted article, a deleted annotation is no longer shown.
    @Test func aDeletedAnnotationIsNotShown() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Keep", "--body", "alpha beta")
        let gone = try sandbox.id("annotate", article, "--quote", "alpha")
        try sandbox.ok("rm", gone)
        try sandbox.expectRejected(
            "show", gone, status: Exit.failure, mentioning: "annotation \(gone) has been deleted")
    }

    @Test func removingAnArticleRemovesItsAnnotations() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Doomed", "--body", "alpha beta")
        let survivor = try sandbox.id("add", "Survivor", "--body", "gamma")
        try sandbox.id("annotate", article, "--quote", "alpha")
        try sandbox.id("annotate", article, "--quote", "beta")
        let other = try sandbox.id("annotate", survivor, "--quote", "gamma")

        #expect(try sandbox.ok("rm", String(article.prefix(6))).lines == ["deleted article \(article)"])
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json").map(\.id) == [other])
        #expect(try sandbox.jsonLines(ArticleSummaryDoc.self, "list", "--json").map(\.id) == [survivor])
        let status = try sandbox.status()
        #expect((status.articles, status.annotations) == (1, 1))
        #expect(status.changes == 8)  // 2 adds, 3 annotations, 2 annotation deletions, 1 article deletion
        let search = try sandbox.run("search", "alpha")
        #expect(search.status == 1 && search.stdout == "", "\(search)")

        // The history survives the deletion and ends with it.
        let history = try sandbox.jsonLines(ChangeDoc.self, "history", article, "--json")
        #expect(history.count == 2)
        #expect(history.last?.fields["alive"] == .bool(false))
        #expect(try sandbox.ok("history", article).lines.last?.hasSuffix("  deleted") == true)
        try sandbox.expectVerified()
    }

    @Test func aDeletedArticleCannotBeEdited() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Gone", "--body", "some words here")
        try sandbox.ok("rm", article)
        let body = try sandbox.write("body.txt", "new")

        let commands: [[String]] = [
            ["edit", article, "--title", "Back"],
            ["edit", article, "--body-file", body],
            ["replace", article, "words", "letters"],
            ["tag", article, "+x"],
            ["annotate", article, "--quote", "words"],
            ["annotate", article, "--range", "0-4"],
            ["show", article],
            ["rm", article],
        ]
        for command in commands {
            try sandbox.expectRejected(command, status: Exit.failure, mentioning: "article \(article) has been deleted")
        }
    }
}
