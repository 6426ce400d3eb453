import Foundation
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

@Suite struct LocalEditingTests {
    @Test func everyEditIsAChangeWithTheNextDotAndTheKnowledgeAsContext() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "T", body: "one two three") }
        try replica.edit { try $0.editArticle(article, title: "T2") }
        _ = try replica.edit { try $0.annotate(article, at: .quote("two", occurrence: nil), note: "n") }
        let changes = try ReplicaFixtures.changes(of: replica)
        #expect(changes.map(\.dot.counter) == [1, 2, 3])
        #expect(changes.allSatisfy { $0.dot.replica == replica.id })
        #expect(changes.map(\.lamport) == [1, 2, 3])
        #expect(changes.map { $0.context[replica.id] } == [0, 1, 2])
        #expect(try replica.knowledge() == VersionVector([replica.id: 3]))
    }

    @Test func textIsStoredInNFC() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let decomposed = ReplicaFixtures.vietnameseBody.decomposedStringWithCanonicalMapping
        let article = try replica.edit { try $0.addArticle(title: "Đường phố".decomposedStringWithCanonicalMapping, body: decomposed) }
        let detail = try replica.articleDetail(article)
        #expect(detail.article.body.utf8.elementsEqual(ReplicaFixtures.vietnameseBody.precomposedStringWithCanonicalMapping.utf8))
        #expect(detail.article.title.unicodeScalars.count == "Đường phố".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }

    @Test func anEditThatChangesNothingIsRefusedAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "T", body: "b", tags: [Tag("x")!]) }
        #expect(throws: ReplicaError.nothingToChange) { try replica.edit { try $0.editArticle(article, title: "T") } }
        #expect(throws: ReplicaError.nothingToChange) {
            try replica.edit { try $0.tag(article, kind: .article, adding: [], removing: [Tag("absent")!]) }
        }
        #expect(try replica.status().changes == 1)
    }

    @Test func replaceChangesOneOrEveryOccurrence() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let body = "mưa to, mưa nhỏ, nắng"
        let article = try replica.edit { try $0.addArticle(title: "T", body: body) }
        let both = [0..<3, 8..<11].map { QuoteExcerpt($0, in: ScalarText(body)) }
        #expect(throws: ReplicaError.phraseAmbiguous("mưa", occurrences: both, folded: false)) {
            try replica.edit { try $0.replace(in: article, phrase: "mưa", with: "gió", all: false) }
        }
        #expect(throws: ReplicaError.phraseNotFound("bão", nearMatches: [])) {
            try replica.edit { try $0.replace(in: article, phrase: "bão", with: "gió", all: false) }
        }
        #expect(throws: ReplicaError.anchor(.occurrenceOutOfRange("mưa", occurrence: 3, count: 2))) {
            try replica.edit { try $0.replace(in: article, phrase: "mưa", with: "gió", all: false, occurrence: 3) }
        }
        #expect(try replica.edit { try $0.replace(in: article, phrase: "nắng", with: "râm", all: false) } == ["nắng"])
        #expect(try replica.edit { try $0.replace(in: article, phrase: "mưa", with: "gió", all: true) } == ["mưa", "mưa"])
        #expect(try replica.articleDetail(article).article.body == "gió to, gió nhỏ, râm")
        #expect(try replica.edit { try $0.replace(in: article, phrase: "gió", with: "mưa", all: false, occurrence: 2) } == ["gió"])
        #expect(try replica.articleDetail(article).article.body == "gió to, mưa nhỏ, râm")
        // Typed without diacritics, as annotate takes a quote: the body's words are replaced.
        #expect(try replica.edit { try $0.replace(in: article, phrase: "MUA NHO", with: "gió nhẹ", all: false) } == ["mưa nhỏ"])
        #expect(try replica.articleDetail(article).article.body == "gió to, gió nhẹ, râm")
    }

    @Test func deletingAnArticleDeletesItsAnnotationsInTheSameTransaction() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "T", body: ReplicaFixtures.vietnameseBody) }
        let first = try replica.edit { try $0.annotate(article, at: .quote("sông Tô Lịch", occurrence: nil)) }
        _ = try replica.edit { try $0.annotate(article, at: .quote("nước", occurrence: 2), note: "x") }
        try replica.edit { try $0.deleteAnnotation(first) }
        try replica.edit { try $0.deleteArticle(article) }
        let changes = try ReplicaFixtures.changes(of: replica)
        #expect(changes.filter(\.isDeletion).count == 3)
        #expect(try replica.annotations().isEmpty)
        #expect(try replica.articles().isEmpty)
        #expect(throws: ReplicaError.deleted(article, kind: .article)) { try replica.articleDetail(article) }
        #expect(throws: ReplicaError.deleted(article, kind: .article)) {
            try replica.edit { try $0.editArticle(article, title: "again") }
        }
        #expect(try replica.status().openConflicts == 0)
        #expect(try replica.verify().isConsistent)
    }

    @Test func aFailedCommandWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let before = try ReplicaFixtures.state(of: replica)
        #expect(throws: ReplicaError.emptyTitle) {
            try replica.edit { editor in
                _ = try editor.addArticle(title: "fine", body: "")
                _ = try editor.addArticle(title: "  ", body: "")
            }
        }
        #expect(try ReplicaFixtures.state(of: replica) == before)
        #expect(try replica.status().changes == 0)
    }

    @Test func anchorsRecordTheBodyRevisionAndContext() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let article = try replica.edit { try $0.addArticle(title: "T", body: "📚 đọc kỹ từng chữ ở lề sách") }
        let annotation = try replica.edit { try $0.annotate(article, at: .range(start: 2, end: 5), note: "") }
        let anchor = try #require(try replica.annotation(annotation).anchor)
        #expect(anchor.quote == "đọc")
        #expect(anchor.prefix == "📚 ")
        #expect(anchor.revision == Dot(replica: replica.id, counter: 1))
        // A flag is two scalars and one character: offset 2 falls inside it.
        let flagged = try replica.edit { try $0.addArticle(title: "U", body: "a\u{1F1FB}\u{1F1F3}b") }
        #expect(throws: ReplicaError.anchor(.rangeSplitsCharacter(offset: 2))) {
            _ = try replica.edit { try $0.annotate(flagged, at: .range(start: 2, end: 4)) }
        }
    }

    /// Every limit a peer enforces holds for local edits too, including the line length:
    /// a body within the text limit whose control characters need six-byte escapes would
    /// make a change no peer could receive.
    @Test func aChangeTooLongForOneSyncLineIsRefused() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("a", in: directory)
        let body = String(repeating: "\u{1}", count: 3 * 1024 * 1024)
        #expect(throws: ReplicaError.self) { try replica.edit { try $0.addArticle(title: "T", body: body) } }
        #expect(try replica.status().changes == 0)
        let fits = String(repeating: "\u{1}", count: 2 * 1024 * 1024)
        _ = try replica.edit { try $0.addArticle(title: "T", body: fits) }
        #expect(try replica.status().changes == 1)
    }
}
