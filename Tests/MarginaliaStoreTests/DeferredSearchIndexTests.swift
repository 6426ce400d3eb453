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

    /// A sync also ends a batch at a size in bytes (`ProtocolConstants.batchBytes`): a
    /// batch of long articles fewer than `bulkBatch` defers all the same when it weighs
    /// `bulkBytes`, and a batch as short in changes as in bytes does not.
    @Test func aBatchOfLongArticlesDefersByItsBytes() async throws {
        let directory = try TemporaryDirectory()
        let source = try Replica.fixture("source", in: directory)
        let count = 100
        let body = String(repeating: ReplicaFixtures.vietnameseBody + "\n", count: 1 + ChangeIntegrator.bulkBytes / count
            / ReplicaFixtures.vietnameseBody.utf8.count)
        try source.edit { editor in
            for number in 0..<count { try editor.addArticle(title: "Bài dài số \(number)", body: body) }
        }
        let changes = try Self.prepared(from: source, for: try Replica.fixture("empty", in: directory))
        #expect(changes.count < ChangeIntegrator.bulkBatch)

        let behind = try Replica.fixture("behind", in: directory)
        try await behind.integrate(changes)
        #expect(try Self.stale(behind))
        try await behind.finishIntegrating()
        #expect(try found(behind, "\"dài số \(count - 1)\"") == ["Bài dài số \(count - 1)"])

        let short = try Replica.fixture("short", in: directory)
        try await short.integrate(Array(changes.prefix(count / 2)))
        #expect(try !Self.stale(short))
    }

    /// Between batches, a sync builds whole steps of the rows left out
    /// (`SearchIndex.buildAhead`): only once a whole step waits, and never removing the
    /// mark, so later batches are left out too and the build at the end finishes.
    @Test func buildingAheadIndexesWholeStepsAndKeepsTheMark() async throws {
        let directory = try TemporaryDirectory()
        let changes = try Self.bulkBatchOfArticles(in: directory)
        let behind = try Replica.fixture("behind", in: directory)
        let step = SearchIndex.Reach(articles: 400, notes: 400)
        try await behind.integrate(Array(changes.prefix(700)), deferringSearch: true)

        let reaches = try (0..<3).map { _ in
            try behind.queue.write { db in
                (try SearchIndex(db: db).buildAhead(limit: step), try SearchIndex(db: db).reach().articles)
            }
        }
        // One whole step of 400 articles; the 300 after it wait for more.
        #expect(reaches.map { $0.0 } == [true, false, false])
        #expect(reaches.map { $0.1 } == [400, 400, 400])
        #expect(try Self.stale(behind))

        try await behind.integrate(Array(changes.dropFirst(700)))
        #expect(try found(behind, "\"số \(changes.count - 1)\"") == ["Bài số \(changes.count - 1)"])
        #expect(try !Self.stale(behind))
        #expect(try behind.verify().isConsistent)
    }

    /// A replica receiving in bulk writes with `ConnectionSettings.bulk` (a larger page
    /// cache, checkpoints and disk syncs less often) from its first deferred batch until
    /// `finishIntegrating`, which sets the ordinary ones back before building the
    /// indexes; a replica receiving a small batch keeps the ordinary ones throughout.
    @Test func aReplicaWritesWithBulkSettingsFromTheFirstDeferredBatchUntilItFinishes() async throws {
        let directory = try TemporaryDirectory()
        let changes = try Self.bulkBatchOfArticles(in: directory)

        let behind = try Replica.fixture("behind", in: directory)
        #expect(try Self.settings(behind) == .ordinary)
        try await behind.integrate(Array(changes.prefix(ChangeIntegrator.bulkBatch / 2)), deferringSearch: true)
        #expect(try Self.settings(behind) == .bulk(pages: 0))
        // A later batch is no larger than what the replica holds, but the indexes still lack rows.
        try await behind.integrate(Array(changes.dropFirst(ChangeIntegrator.bulkBatch / 2).prefix(10)))
        #expect(try Self.settings(behind) == .bulk(pages: 0))
        try await behind.integrate(Array(changes.dropFirst(ChangeIntegrator.bulkBatch / 2 + 10)))
        try await behind.finishIntegrating()
        #expect(try Self.settings(behind) == .ordinary)
        #expect(try behind.verify().isConsistent)

        let small = try Replica.fixture("small", in: directory)
        try await small.integrate(Array(changes.prefix(10)))
        #expect(try Self.settings(small) == .ordinary)
    }

    /// A sync stopped between its batches (Ctrl-C in the REPL) never reaches
    /// `finishIntegrating`: the next local edit still commits with the ordinary settings.
    @Test func anEditAfterAStoppedInitialSyncWritesWithTheOrdinarySettings() async throws {
        let directory = try TemporaryDirectory()
        let changes = try Self.bulkBatchOfArticles(in: directory)
        let behind = try Replica.fixture("behind", in: directory)
        try await behind.integrate(Array(changes.prefix(ChangeIntegrator.bulkBatch / 2)), deferringSearch: true)
        #expect(try Self.settings(behind) == .bulk(pages: 0))
        _ = try behind.edit { editor in try editor.addArticle(title: "Ghi chú", body: "Viết khi đồng bộ dừng giữa chừng.") }
        #expect(try Self.settings(behind) == .ordinary)
        #expect(try behind.verify().isConsistent)
    }

    /// A batch that an empty replica defers: `ChangeIntegrator.bulkBatch` new articles.
    private static func bulkBatchOfArticles(in directory: TemporaryDirectory) throws -> [PreparedChange] {
        let source = try Replica.fixture("source", in: directory)
        try source.edit { editor in
            for number in 0..<ChangeIntegrator.bulkBatch {
                try editor.addArticle(title: "Bài số \(number)", body: "Mưa lớn ở Hà Nội.")
            }
        }
        return try prepared(from: source, for: try Replica.fixture("empty", in: directory))
    }

    /// The bulk page cache grows with the replica (its id-keyed indexes do) from 8 MiB,
    /// which a small replica gets (as in the tests above), to a cap that keeps a process
    /// ten times the benchmark's size under its memory bound.
    @Test func theBulkCacheGrowsWithTheReplicaUpToItsCap() {
        let mib = 1_024
        #expect(ConnectionSettings.bulk(pages: 0).cacheKiB == 8 * mib)
        // The benchmark's 20,000 articles: 433 MiB, 110,000 pages.
        #expect(ConnectionSettings.bulk(pages: 110_000).cacheKiB == 8 * mib)
        #expect(ConnectionSettings.bulk(pages: 400_000).cacheKiB == 25_000)
        #expect(ConnectionSettings.bulk(pages: 1_100_000).cacheKiB == 32 * mib)
    }

    /// An import's one transaction writes with `ConnectionSettings.largeEdit`; the
    /// index build after it, and every edit after that, with the ordinary settings.
    @Test func anImportWritesWithTheLargeEditSettings() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("importing", in: directory)
        let during = try replica.bulkEdit { editor in
            try editor.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody)
            return try Self.settings(of: editor.db)
        }
        #expect(during == .largeEdit)
        #expect(try Self.settings(replica) == .ordinary)
    }

    /// The settings of the replica's connection, as SQLite reports them.
    private static func settings(_ replica: Replica) throws -> ConnectionSettings {
        try replica.queue.inDatabase { db in try settings(of: db) }
    }

    private static func settings(of db: Database) throws -> ConnectionSettings {
        ConnectionSettings(
            cacheKiB: -(try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0),
            checkpointPages: try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0,
            syncsEachCommit: try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)
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

    /// Local edits while the mark is set leave the indexes alone for rows they do not
    /// hold yet (FTS5 would refuse to forget the old title, which it never held); the
    /// build covers them, so the old title is not found and the new one is.
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

    /// A replica that received the source's changes with its indexes left to be built,
    /// and built one step of them, as a process stopped right after it (or killed during
    /// the next) leaves it: the first article indexed, the rest not.
    private static func builtOneStep(in directory: TemporaryDirectory) async throws -> Replica {
        let (source, target) = try replicas(in: directory)
        try await target.integrate(try prepared(from: source, for: target), deferringSearch: true)
        let done = try target.writeTransaction { db in
            try SearchIndex(db: db).buildStep(limit: SearchIndex.Reach(articles: 1, notes: 1))
        }
        #expect(!done)
        return target
    }

    private static func articleID(_ replica: Replica, titled title: String) throws -> EntityID {
        try #require(try replica.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM articles WHERE title = ?", arguments: [title])
        }.flatMap(EntityID.init))
    }

    /// The build goes in steps, each its own transaction that moves the mark on: a
    /// process stopped between two resumes, on the next open, where the last one stood.
    @Test func aBuildStoppedBetweenStepsResumesWhereItStood() async throws {
        let directory = try TemporaryDirectory()
        let target = try await Self.builtOneStep(in: directory)

        let reopened = try Replica.open(at: target.path, creation: .never)
        let first = try Self.articleID(reopened, titled: "Mưa lũ ở Hà Nội")
        let reach = try reopened.read { db in try SearchIndex(db: db).reach() }
        let firstRowid = try reopened.read { db in
            try Int64.fetchOne(db, sql: "SELECT rowid FROM articles WHERE id = ?", arguments: [first.rawValue])
        }
        #expect(reach == SearchIndex.Reach(articles: try #require(firstRowid), notes: 0))
        #expect(try found(reopened, "nguyen khuyen") == ["Mưa lũ ở Hà Nội", "Phố Nguyễn Khuyến"])
        #expect(try reopened.search(try SearchQuery(parsing: "note:do")).first?.notes.count == 1)
        #expect(try !Self.stale(reopened))
        #expect(try reopened.verify().isConsistent)
    }

    /// Another writer (a one-shot command next to a syncing `serve`) gets the file
    /// between two steps, and what it writes is searchable once the build is done: an
    /// edit of a row the indexes already hold keeps its entry up to date, an edit of one
    /// they do not yet hold and a new row are left for the steps to come.
    @Test func aWriterBetweenStepsIsSearchedRightAfterTheBuild() async throws {
        let directory = try TemporaryDirectory()
        let target = try await Self.builtOneStep(in: directory)

        let oneShot = try Replica.open(at: target.path, creation: .never)
        let indexed = try Self.articleID(oneShot, titled: "Mưa lũ ở Hà Nội")
        let pending = try Self.articleID(oneShot, titled: "Phố Nguyễn Khuyến")
        try oneShot.edit { editor in
            try editor.editArticle(indexed, title: "Bão ở Huế")
            try editor.editArticle(pending, title: "Chợ Đồng Xuân")
            try editor.addArticle(title: "Hồ Gươm lúc sáng sớm", body: "Người dân tập thể dục.")
        }

        try await target.finishIntegrating()
        #expect(try !Self.stale(target))
        #expect(try found(target, "ha noi").isEmpty)
        #expect(try found(target, "hue") == ["Bão ở Huế"])
        #expect(try found(target, "dong xuan") == ["Chợ Đồng Xuân"])
        #expect(try found(target, "nguoi dan") == ["Bão ở Huế", "Chợ Đồng Xuân", "Hồ Gươm lúc sáng sớm"])
        #expect(try target.verify().isConsistent)
    }

    /// A file of format 9 marked stale said only that rows were missing: opening it
    /// empties the indexes and marks them to be built from the first row.
    @Test func aFormat9MarkIsBuiltInSteps() async throws {
        let directory = try TemporaryDirectory()
        let target = try await Self.builtOneStep(in: directory)
        try target.writeTransaction { db in
            try db.execute(sql: """
                DROP TABLE search_rebuild;
                CREATE TABLE search_rebuild (singleton INTEGER PRIMARY KEY CHECK (singleton = 1));
                INSERT INTO search_rebuild VALUES (1);
                PRAGMA user_version = 9;
                """)
        }

        let upgraded = try Replica.open(at: target.path, creation: .never)
        #expect(try upgraded.read { db in try SearchIndex(db: db).reach() } == SearchIndex.Reach(articles: 0, notes: 0))
        #expect(try found(upgraded, "nguyen khuyen") == ["Mưa lũ ở Hà Nội", "Phố Nguyễn Khuyến"])
        #expect(try upgraded.verify().isConsistent)
    }
}
