import GRDB
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// `status` reports the visible articles and annotations from stored counts, which
/// must stay what counting the rows gives: through deletions, restores, syncs,
/// deletions concurrent with edits (contested entities are visible), and the upgrade
/// of a replica made before the counts.
@Suite struct VisibleCountTests {
    let directory: TemporaryDirectory
    let laptop: Replica
    let office: Replica

    init() throws {
        directory = try TemporaryDirectory()
        (laptop, office) = try ReplicaFixtures.pair(in: directory)
    }

    /// The counts `status` reports equal the listings, and `verify` finds them equal to a
    /// replay; returns them.
    @discardableResult
    private func expectCounts(_ replica: Replica, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> (articles: Int, annotations: Int)
    {
        let status = try replica.status()
        let listed = (try replica.articles().count, try replica.annotations().count)
        #expect(status.articles == listed.0 && status.annotations == listed.1, sourceLocation: sourceLocation)
        let report = try replica.verify()
        #expect(report.isConsistent, "\(report.problems)", sourceLocation: sourceLocation)
        return (status.articles, status.annotations)
    }

    @Test func deletionsRestoresAndSyncsKeepTheCounts() throws {
        let flood = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        let bridge = try laptop.edit { try $0.addArticle(title: "Cầu", body: "Xe qua cầu Long Biên lúc 6 giờ sáng.") }
        let river = try laptop.edit { try $0.annotate(flood, at: .quote("sông Tô Lịch", occurrence: nil)) }
        _ = try laptop.edit { try $0.annotate(flood, at: .quote("mực nước", occurrence: nil)) }
        _ = try laptop.edit { try $0.annotate(bridge, at: .quote("6 giờ sáng", occurrence: nil)) }
        #expect(try expectCounts(laptop) == (2, 3))

        try laptop.edit { try $0.deleteAnnotation(river) }
        #expect(try expectCounts(laptop) == (2, 2))
        try laptop.edit { try $0.deleteArticle(flood) }
        #expect(try expectCounts(laptop) == (1, 1))
        _ = try laptop.edit { try $0.restore(flood, kind: .article) }
        #expect(try expectCounts(laptop).articles == 2)

        try ReplicaFixtures.exchange(laptop, office)
        #expect(try expectCounts(office) == (try expectCounts(laptop)))
        // Deleted on one side while edited on the other: contested, so still visible on both.
        try laptop.edit { try $0.deleteArticle(bridge) }
        try office.edit { try $0.editArticle(bridge, title: "Cầu Long Biên") }
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] {
            #expect(try replica.articles().contains { $0.id == bridge && $0.existence == .contested })
            #expect(try expectCounts(replica).articles == 2)
        }
        try office.edit { try $0.resolve(Conflict.ID(entity: bridge, field: .alive), by: .delete) }
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] { #expect(try expectCounts(replica).articles == 1) }
    }

    /// Format 9 counted the rows: opening such a file for writing counts them once.
    @Test func upgradesAFormatNineReplica() throws {
        let flood = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        let gone = try laptop.edit { try $0.addArticle(title: "Cầu", body: "Xe qua cầu.") }
        _ = try laptop.edit { try $0.annotate(flood, at: .quote("sông Tô Lịch", occurrence: nil)) }
        try laptop.edit { try $0.deleteArticle(gone) }
        try Replica.connect(path: laptop.path).write { db in
            try db.execute(sql: "DROP TABLE visible_counts; PRAGMA user_version = 9")
        }
        let upgraded = try Replica.open(at: laptop.path, clock: SteppingClock())
        #expect(try expectCounts(upgraded) == (1, 1))
    }
}
