import Foundation
import Testing

/// `rm` of several ids, the trash (`ls --deleted`, `annotations --deleted`) and `restore`.
@Suite("Trash")
struct TrashTests {
    /// An article with three annotations, one deleted on its own before the article.
    private struct Trashed {
        let sandbox: Sandbox
        let article: String
        let kept: [String]
        let deletedAlone: String

        init() throws {
            sandbox = try Sandbox()
            article = try sandbox.id(
                "add", "Hà Nội ngập sâu", "--body", "Mưa lớn kéo dài khiến mực nước sông Hồng dâng cao. Người dân lo lắng.")
            kept = [
                try sandbox.id("annotate", article, "--quote", "mực nước", "--note", "đo lúc 6h"),
                try sandbox.id("annotate", article, "--quote", "Người dân"),
            ]
            deletedAlone = try sandbox.id("annotate", article, "--quote", "sông Hồng")
            try sandbox.ok("rm", deletedAlone)
            try sandbox.ok("note", kept[0], "đo lúc 6 giờ")
            try sandbox.ok("rm", article)
        }
    }

    @Test func theTrashListsWhatWasDeleted() throws {
        let trashed = try Trashed()
        let sandbox = trashed.sandbox
        defer { sandbox.remove() }
        #expect(try sandbox.ok("ls").stdout == "")
        let trash = try sandbox.ok("ls", "--deleted").lines
        #expect(trash.count == 1 && trash[0].hasPrefix(String(trashed.article.prefix(8)) + "  Hà Nội ngập sâu"), "\(trash)")
        #expect(trash[0].contains("  deleted "))
        let annotations = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--deleted", "--json").map(\.id)
        #expect(Set(annotations) == Set(trashed.kept + [trashed.deletedAlone]))
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json").isEmpty)
    }

    @Test func anArticleComesBackWithTheAnnotationsDeletedWithIt() throws {
        let trashed = try Trashed()
        let sandbox = trashed.sandbox
        defer { sandbox.remove() }
        #expect(try sandbox.ok("restore", String(trashed.article.prefix(6))).lines
            == ["restored article \(trashed.article) with 2 annotations"])
        #expect(try sandbox.ok("ls").lines.count == 1)
        let back = try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json")
        #expect(Set(back.map(\.id)) == Set(trashed.kept))
        #expect(back.first { $0.id == trashed.kept[0] }.map { scalars($0.note) } == scalars("đo lúc 6 giờ"))
        // The one deleted on its own stays in the trash until asked for.
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--deleted", "--json").map(\.id) == [trashed.deletedAlone])
        #expect(try sandbox.ok("restore", trashed.deletedAlone).lines == ["restored annotation \(trashed.deletedAlone)"])
        try sandbox.expectVerified()
    }

    @Test func anAnnotationOnADeletedArticleAsksForTheArticleToo() throws {
        let trashed = try Trashed()
        let sandbox = trashed.sandbox
        defer { sandbox.remove() }
        let before = try sandbox.fingerprint()
        let refused = try sandbox.run("restore", trashed.deletedAlone)
        #expect(refused.status == 1)
        #expect(refused.stderr == "marginalia: annotation \(trashed.deletedAlone) is on article \(trashed.article), which is "
            + "deleted too: restore both with 'marginalia restore \(trashed.article) \(trashed.deletedAlone)'\n")
        #expect(try sandbox.fingerprint() == before)
        // As the line says; the article's own annotations come along, named or not.
        #expect(try sandbox.ok("restore", trashed.article, trashed.deletedAlone, trashed.kept[1]).lines == [
            "restored article \(trashed.article) with 2 annotations", "restored annotation \(trashed.deletedAlone)",
        ])
        #expect(try sandbox.jsonLines(AnnotationDoc.self, "annotations", "--json").count == 3)
    }

    @Test func restoringWhatIsNotDeletedChangesNothing() throws {
        let trashed = try Trashed()
        let sandbox = trashed.sandbox
        defer { sandbox.remove() }
        try sandbox.ok("restore", trashed.article)
        let before = try sandbox.fingerprint()
        let result = try sandbox.run("restore", trashed.article)
        #expect(result.status == 1 && result.stderr == "marginalia: article \(trashed.article) is not deleted\n")
        #expect(try sandbox.fingerprint() == before)
        #expect(try sandbox.run("restore").status == 64)
    }

    @Test func rmOfSeveralIdsIsAllOrNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let first = try sandbox.id("add", "Một", "--body", "Đường phố ngập.")
        let second = try sandbox.id("add", "Hai", "--body", "Nước rút chậm.")
        let annotation = try sandbox.id("annotate", first, "--quote", "Đường phố")
        let before = try sandbox.fingerprint()
        let refused = try sandbox.run("rm", first, "zzzzzzzz", second)
        #expect(refused.status == 1 && refused.stderr.contains("'zzzzzzzz'"), "\(refused)")
        #expect(try sandbox.fingerprint() == before)

        // An annotation and its article in one command; the same id twice is once.
        #expect(try sandbox.ok("rm", first, annotation, second, String(first.prefix(5))).lines == [
            "deleted annotation \(annotation)", "deleted article \(first)", "deleted article \(second)",
        ])
        #expect(try sandbox.ok("ls", "--deleted", "--json").lines.count == 2)
    }

    @Test func aRestoreSyncsLikeAnyEdit() throws {
        let trashed = try Trashed()
        let sandbox = trashed.sandbox
        defer { sandbox.remove() }
        let other = sandbox.root.appendingPathComponent("other.db").path
        try sandbox.ok("--db", other, "init")
        try sandbox.ok("sync", other)
        #expect(try sandbox.ok("--db", other, "ls").stdout == "")
        try sandbox.ok("restore", trashed.article)
        try sandbox.ok("sync", other)
        #expect(try sandbox.ok("--db", other, "ls").lines.count == 1)
        #expect(try sandbox.ok("--db", other, "annotations", "--json").lines.count == 2)
    }
}
