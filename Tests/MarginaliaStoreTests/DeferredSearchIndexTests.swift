import Foundation
import GRDB
import MarginaliaCore
@_spi(Testing) @testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// Batches integrated with `deferringSearch` (a receiver far behind) leave their rows
/// out of the full-text indexes and mark them stale; whatever happens next, no search
/// reads an index that lacks rows.
@Suite("full-text indexes built after a sync")
struct DeferredSearchIndexTests {
    /// Two replicas: `source` with articles and notes in Vietnamese, `target` empty.
    private static func replicas(in directory: TemporaryDirectory) throws -> (source: Replica, target: Replica) {
        let source = try Replica.fixture("source", in: directory)
        try source.edit { editor in
            let article = try editor.addArticle(title: "Mưa lũ ở Hà Nội", body: ReplicaFixtures.vietnameseBody)
            try editor.annotate(article, at: .quote("sông Tô Lịch", occurrence: nil), note: "Đo mực nước lúc sáu giờ")
            try editor.addArticle(title: "Phố Nguyễn Khuyến", body: "Người dân lội nước.")
        }
        return (source, try Replica.fixture("target", in: directory))
    }

    private static func prepared(from source: Replica, for target: Replica) throws -> [PreparedChange] {
        var changes: [PreparedChange] = []
        try source.forEachChange(notCoveredBy: try target.knowledge()) { change, _ in changes.append(PreparedChange(change)) }
        return changes
    }

    private static func stale(_ replica: Replica) throws -> Bool {
        try replica.read { db in try SearchIndex(db: db).isStale() }
    }

    private func found(_ replica: Replica, _ query: String) throws -> Set<String> {
        Set(try replica.search(try SearchQuery(parsing: query), limit: 100).map(\.title))
    }

    @Test func theRebuildAtTheEndIndexesEveryRow() async throws {
        let directory = try TemporaryDirectory()
        let (source, target) = try Self.replicas(in: directory)
        try await target.integrate(try Self.prepared(from: source, for: target), deferringSearch: true)
        #expect(try Self.stale(target))
        let unindexed = try target.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article_search WHERE article_search MATCH 'nuoc'") }
        #expect(unindexed == 0)

        try await target.finishIntegrating()
        #expect(try !Self.stale(target))
        #expect(try found(target, "nuoc") == ["Mưa lũ ở Hà Nội", "Phố Nguyễn Khuyến"])
        #expect(try target.search(try SearchQuery(parsing: "note:do")).first?.notes.count == 1)
        #expect(try target.verify().isConsistent)
    }

    /// Left to itself, a replica defers for a batch of at least `bulkBatch` changes, no
    /// fewer than it holds (an initial sync), and not for a smaller one.
    @Test func aLargeBatchIntoAReplicaFarBehindDefers() async throws {
        let directory = try TemporaryDirectory()
        let source = try Replica.fixture("source", in: directory)
        let count = ChangeIntegrator.bulkBatch
        try source.edit { editor in
            for number in 0..<count { try editor.addArticle(title: "Bài số \(number)", body: "Mưa lớn ở Hà Nội.") }
        }
        let changes = try Self.prepared(from: source, for: try Replica.fixture("empty", in: directory))

        let behind = try Replica.fixture("behind", in: directory)
        try await behind.integrate(changes)
        #expect(try Self.stale(behind))
        try await behind.finishIntegrating()
        #expect(try !Self.stale(behind))
        #expect(try found(behind, "\"số \(count - 1)\"") == ["Bài số \(count - 1)"])

        let small = try Replica.fixture("small", in: directory)
        try await small.integrate(Array(changes.dropLast()))
        #expect(try !Self.stale(small))
        #expect(try found(small, "\"số \(count - 2)\"") == ["Bài số \(count - 2)"])
    }

    /// A sync stopped after its last batch, before the one pass (or killed during it,
    /// which rolls it back): the mark outlives the process, and the next search builds
    /// the indexes first.
    @Test func aSearchAfterAnUnfinishedSyncBuildsTheIndexesFirst() async throws {
        let directory = try TemporaryDirectory()
        let (source, target) = try Self.replicas(in: directory)
        try await target.integrate(try Self.prepared(from: source, for: target), deferringSearch: true)

        let reopened = try Replica.open(at: target.path, creation: .never)
        #expect(try Self.stale(reopened))
        #expect(try found(reopened, "nguyen khuyen") == ["Mưa lũ ở Hà Nội", "Phố Nguyễn Khuyến"])
        #expect(try !Self.stale(reopened))
    }

    /// Local edits while the mark is set leave the indexes alone (FTS5 would refuse to
    /// forget the old title, which it never held); the rebuild covers them, so the old
    /// title is not found and the new one is.
    @Test func anEditWhileStaleIsSearchedRightAfterTheRebuild() async throws {
        let directory = try TemporaryDirectory()
        let (source, target) = try Self.replicas(in: directory)
        try await target.integrate(try Self.prepared(from: source, for: target), deferringSearch: true)
        let article = try #require(try target.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM articles WHERE title = 'Phố Nguyễn Khuyến'")
        }.flatMap(EntityID.init))
        try target.edit { try $0.editArticle(article, title: "Phố Huế ngập") }

        #expect(try found(target, "khuyen") == ["Mưa lũ ở Hà Nội"])
        #expect(try found(target, "hue") == ["Phố Huế ngập"])
        #expect(try target.verify().isConsistent)
    }

    /// A batch integrated without deferring after deferred ones (another sync, after one
    /// that did not finish) leaves the indexes alone too, editing rows they lack; the
    /// rebuild covers both.
    @Test func aLaterBatchKeepsTheMark() async throws {
        let directory = try TemporaryDirectory()
        let (source, target) = try Self.replicas(in: directory)
        let changes = try Self.prepared(from: source, for: target)
        try await target.integrate(Array(changes.prefix(1)), deferringSearch: true)
        let article = changes[0].change.entity
        try source.edit { try $0.editArticle(article, title: "Mưa lũ ở Hà Nội hôm nay") }
        try await target.integrate(try Self.prepared(from: source, for: target))
        #expect(try Self.stale(target))
        #expect(try found(target, "ha noi") == ["Mưa lũ ở Hà Nội hôm nay"])
        #expect(try target.verify().isConsistent)
    }
}
