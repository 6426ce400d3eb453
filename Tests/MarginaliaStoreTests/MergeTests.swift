import GRDB
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// Concurrent edits on two real replica files, exchanged as the sync engine does.
@Suite struct MergeTests {
    let directory: TemporaryDirectory
    let laptop: Replica
    let office: Replica
    let article: EntityID

    init() throws {
        directory = try TemporaryDirectory()
        (laptop, office, article) = try ReplicaFixtures.sharedArticle(in: directory)
    }

    @Test func concurrentEditsOfOneFieldAreKeptAsAConflict() throws {
        try laptop.edit { try $0.editArticle(article, title: "Mưa lũ ở Hà Nội") }
        try office.edit { try $0.editArticle(article, title: "Hà Nội ngập") }
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] {
            let snapshot = try replica.articleDetail(article).article
            #expect(snapshot.conflictedFields == [.title])
            #expect(try replica.status().openConflicts == 1)
        }
        #expect(try ReplicaFixtures.state(of: laptop) == ReplicaFixtures.state(of: office))
        // Both values are still there, and the display pick is the same everywhere.
        #expect(try laptop.articleDetail(article).article.title == office.articleDetail(article).article.title)
    }

    /// The displayed text is stored once, in its column; the text that lost is kept with
    /// the registers, and both come back as the conflict's competing values, on both sides.
    @Test func bothTextsOfAConflictStayReadable() throws {
        try laptop.edit { try $0.editArticle(article, body: "Nước rút dần.") }
        try office.edit { try $0.editArticle(article, body: "Mưa tiếp tục…") }
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] {
            let conflicts = try replica.conflicts(of: article)
            guard case .field(.body, let values)? = conflicts.first?.kind else {
                Issue.record("no body conflict: \(conflicts)")
                continue
            }
            #expect(Set(values.map(\.value)) == [.text("Nước rút dần."), .text("Mưa tiếp tục…")])
            #expect(values.first?.value.text == (try replica.articleDetail(article).article.body))
            let registers = try Replica.connect(path: replica.path).read { db in
                try String.fetchOne(db, sql: "SELECT registers FROM articles")
            } ?? ""
            #expect(values.count == 2 && !registers.contains(values[0].value.text!))
            #expect(registers.contains(values[1].value.text!))
        }
        #expect(try ReplicaFixtures.state(of: laptop) == ReplicaFixtures.state(of: office))
    }

    @Test func concurrentEditsOfDifferentFieldsMergeSilently() throws {
        try laptop.edit { try $0.editArticle(article, title: "Mưa lũ ở Hà Nội") }
        try office.edit { try $0.editArticle(article, source: "https://example.org/mua-lu") }
        try ReplicaFixtures.exchange(laptop, office)
        let snapshot = try office.articleDetail(article).article
        #expect(snapshot.title == "Mưa lũ ở Hà Nội")
        #expect(snapshot.source == "https://example.org/mua-lu")
        #expect(snapshot.conflictedFields.isEmpty)
        #expect(try laptop.status().openConflicts == 0)
    }

    @Test func equalConcurrentValuesAreNotAConflict() throws {
        try laptop.edit { try $0.editArticle(article, title: "Same") }
        try office.edit { try $0.editArticle(article, title: "Same") }
        try ReplicaFixtures.exchange(laptop, office)
        #expect(try laptop.articleDetail(article).article.conflictedFields.isEmpty)
        #expect(try laptop.status().openConflicts == 0)
    }

    @Test func aLaterEditResolvesTheConflictEverywhere() throws {
        try laptop.edit { try $0.editArticle(article, title: "A") }
        try office.edit { try $0.editArticle(article, title: "B") }
        try ReplicaFixtures.exchange(laptop, office)
        try office.edit { try $0.editArticle(article, title: "B") }
        try ReplicaFixtures.exchange(laptop, office)
        #expect(try laptop.articleDetail(article).article.title == "B")
        #expect(try laptop.status().openConflicts == 0)
        #expect(try ReplicaFixtures.state(of: laptop) == ReplicaFixtures.state(of: office))
    }

    @Test func anEditConcurrentWithADeleteIsContestedNotLost() throws {
        try laptop.edit { try $0.deleteArticle(article) }
        try office.edit { try $0.editArticle(article, title: "Still needed") }
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] {
            let snapshot = try replica.articleDetail(article).article
            #expect(snapshot.existence == .contested)
            #expect(snapshot.title == "Still needed")
            #expect(try replica.status().openConflicts == 1)
        }
    }

    @Test func anAnnotationAddedWhileItsArticleWasDeletedIsCounted() throws {
        try laptop.edit { try $0.deleteArticle(article) }
        _ = try office.edit { try $0.annotate(article, at: .quote("sông Tô Lịch", occurrence: nil), note: "keep?") }
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] {
            #expect(try replica.status().openConflicts == 1)
            #expect(try replica.articles().isEmpty)
        }
        #expect(try ReplicaFixtures.state(of: laptop) == ReplicaFixtures.state(of: office))
    }

    @Test func tagsAddedConcurrentlyWithTheirRemovalSurvive() throws {
        try laptop.edit { try $0.tag(article, kind: .article, adding: [Tag("lũ")!], removing: []) }
        try ReplicaFixtures.exchange(laptop, office)
        try laptop.edit { try $0.tag(article, kind: .article, adding: [], removing: [Tag("lũ")!]) }
        try office.edit { try $0.tag(article, kind: .article, adding: [Tag("lũ")!, Tag("hà-nội")!], removing: []) }
        try ReplicaFixtures.exchange(laptop, office)
        #expect(try laptop.articleDetail(article).article.tags == ["hà-nội", "lũ"])
        #expect(try laptop.status().openConflicts == 0)
        #expect(try laptop.articles(tagged: "lũ").map(\.id) == [article])
    }

    @Test func verifyHoldsAfterMerging() throws {
        try laptop.edit { try $0.editArticle(article, title: "A") }
        try office.edit { try $0.deleteArticle(article) }
        try ReplicaFixtures.exchange(laptop, office)
        #expect(try laptop.verify().problems == [])
        #expect(try office.verify().problems == [])
    }
}
