import Foundation
import GRDB
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// Listing annotations by status (`annotations --status orphaned`) reads only those
/// whose anchor was made against another body than their article's current one,
/// through an index, and lists exactly what placing every annotation would: after
/// body edits, syncs, conflicts and their resolution, re-anchoring, and the upgrade of
/// a replica made before the index.
@Suite struct DoubtfulListingTests {
    let directory: TemporaryDirectory
    let laptop: Replica
    let office: Replica

    init() throws {
        directory = try TemporaryDirectory()
        (laptop, office) = try ReplicaFixtures.pair(in: directory)
    }

    /// Every status listed by the filter equals the same status picked out of the
    /// listing of every annotation, which places them all; and `verify` finds the
    /// stored state equal to a replay of the log.
    private func expectListingsAgree(_ replica: Replica, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let all = try replica.annotations()
        for status in AnchorStatus.allCases {
            let listed = try replica.annotations(status: status).map(\.id)
            let placed = all.filter { $0.placement.status == status }.map(\.id)
            #expect(listed == placed, "\(status)", sourceLocation: sourceLocation)
        }
        let report = try replica.verify()
        #expect(report.isConsistent, "\(report.problems)", sourceLocation: sourceLocation)
    }

    private func annotate(_ replica: Replica, _ article: EntityID, _ quote: String) throws -> EntityID {
        try replica.edit { try $0.annotate(article, at: .quote(quote, occurrence: nil)) }
    }

    @Test func theFilterReadsOnlyAnnotationsThatMayHaveMovedThroughAnIndex() throws {
        let query = AnnotationListing(article: nil, status: .orphaned, tag: nil, deleted: false)
        let plan = try laptop.read { db in
            let (sql, arguments) = try query.sql(in: db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
        // The partial index holds only the flagged rows: scanning it is not scanning the table.
        #expect(plan.contains("SCAN annotations USING INDEX annotations_may_have_moved"), "\(plan)")
        #expect(!plan.contains("SCAN annotations"), "\(plan)")
    }

    @Test func bodyEditsOrphanMoveAndRestoreAnnotations() throws {
        let first = try laptop.edit { try $0.addArticle(title: "Hà Nội", body: "Mưa lớn kéo dài, đường Láng ngập, phố Huế ngập.") }
        let second = try laptop.edit { try $0.addArticle(title: "Cầu", body: "Xe qua cầu Long Biên lúc 6 giờ sáng.") }
        let lang = try annotate(laptop, first, "đường Láng")
        let hue = try annotate(laptop, first, "phố Huế")
        let bridge = try annotate(laptop, second, "cầu Long Biên")
        try expectListingsAgree(laptop)
        #expect(try laptop.annotations(status: .orphaned).isEmpty)

        try laptop.edit { try $0.editArticle(first, body: "Tin mới. Mưa lớn kéo dài, phố Huế ngập.") }
        #expect(try laptop.annotations(status: .orphaned).map(\.id) == [lang])
        #expect(try laptop.annotations(status: .moved).map(\.id) == [hue])
        try expectListingsAgree(laptop)

        // The body back as it was, under a new revision: found again by the quote.
        try laptop.edit { try $0.editArticle(first, body: "Mưa lớn kéo dài, đường Láng ngập, phố Huế ngập.") }
        #expect(try laptop.annotations(status: .orphaned).isEmpty)
        try laptop.edit { try $0.replace(in: second, phrase: "cầu Long Biên", with: "cầu Chương Dương", all: false) }
        #expect(try laptop.annotations(status: .orphaned).map(\.id) == [bridge])
        try expectListingsAgree(laptop)

        // Re-anchored by hand against the current body: exact again, no longer read.
        try laptop.edit { try $0.reanchor(bridge, at: .quote("cầu Chương Dương", occurrence: nil)) }
        #expect(try laptop.annotations(status: .orphaned).isEmpty)
        #expect(try laptop.annotations(status: .exact).map(\.id).contains(bridge))
        try expectListingsAgree(laptop)
    }

    @Test func syncedEditsAndAnnotationsListAlikeOnBothReplicas() throws {
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        try ReplicaFixtures.exchange(laptop, office)
        let river = try annotate(office, article, "sông Tô Lịch")
        let street = try annotate(office, article, "phố Nguyễn Khuyến")
        // Laptop rewrites the body while office annotates the old one.
        try laptop.edit {
            try $0.editArticle(article, body: "Tin nóng.\n\nSau gần sáu giờ mưa liên tục, mực nước trên sông Tô Lịch dâng cao.")
        }
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] {
            #expect(try replica.annotations(status: .orphaned).map(\.id) == [street])
            #expect(try replica.annotations(status: .moved).map(\.id) == [river])
            try expectListingsAgree(replica)
        }
        // An annotation made on the synced body is exact on both.
        let rain = try annotate(laptop, article, "mưa liên tục")
        try ReplicaFixtures.exchange(laptop, office)
        for replica in [laptop, office] {
            #expect(try replica.annotations(status: .exact).map(\.id) == [rain])
            try expectListingsAgree(replica)
        }
    }

    @Test func aBodyConflictAndItsResolutionListAlike() throws {
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: "Mưa lớn, đường Láng ngập, phố Huế khô.") }
        let lang = try annotate(laptop, article, "đường Láng")
        let hue = try annotate(laptop, article, "phố Huế")
        try ReplicaFixtures.exchange(laptop, office)
        try laptop.edit { try $0.editArticle(article, body: "Mưa lớn, phố Huế khô.") }
        try office.edit { try $0.editArticle(article, body: "Mưa lớn, đường Láng ngập.") }
        try ReplicaFixtures.exchange(laptop, office)
        let conflict = Conflict.ID(entity: article, field: .body)
        #expect(try laptop.conflict(conflict) != nil)
        for replica in [laptop, office] {
            #expect(try replica.annotations(status: .orphaned).count == 1)
            try expectListingsAgree(replica)
        }

        try laptop.edit { try $0.resolve(conflict, by: .text("Mưa lớn, phố Huế khô, đường Láng ngập.")) }
        try ReplicaFixtures.exchange(laptop, office)
        let placements = try [laptop, office].map { replica in
            try expectListingsAgree(replica)
            return try replica.annotations().map { [$0.id: $0.placement] }
        }
        #expect(placements[0] == placements[1])
        #expect(placements[0].count == 2 && [lang, hue].allSatisfy { id in placements[0].contains { $0[id] != nil } })
    }

    @Test func aReplicaSyncedFromScratchListsAlike() throws {
        let article = try laptop.edit { try $0.addArticle(title: "Cầu", body: "Xe qua cầu Long Biên, rồi cầu Chương Dương.") }
        _ = try annotate(laptop, article, "cầu Long Biên")
        let old = try annotate(laptop, article, "cầu Chương Dương")
        try laptop.edit { try $0.editArticle(article, body: "Xe qua cầu Long Biên, rồi về nhà.") }
        _ = try annotate(laptop, article, "về nhà")
        try ReplicaFixtures.deliver(from: laptop, to: office)
        #expect(try office.annotations(status: .orphaned).map(\.id) == [old])
        try expectListingsAgree(office)
    }

    /// Format 9 had no stored flag: opening such a file for writing computes it, and
    /// the listings are what they were.
    @Test func upgradesAFormatNineReplica() throws {
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        let river = try annotate(laptop, article, "sông Tô Lịch")
        let street = try annotate(laptop, article, "phố Nguyễn Khuyến")
        let other = try laptop.edit { try $0.addArticle(title: "Cầu", body: "Xe qua cầu Long Biên.") }
        let bridge = try annotate(laptop, other, "cầu Long Biên")
        try laptop.edit { try $0.editArticle(article, body: "Tin nóng. Mực nước trên sông Tô Lịch dâng cao.") }

        try Replica.connect(path: laptop.path).write { db in
            try db.execute(sql: """
                DROP INDEX annotations_may_have_moved;
                ALTER TABLE annotations DROP COLUMN may_have_moved;
                PRAGMA user_version = 9;
                """)
        }
        let upgraded = try Replica.open(at: laptop.path, clock: SteppingClock())
        let (version, flags) = try Replica.connect(path: laptop.path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, may_have_moved FROM annotations").map {
                 ($0["id"] as String, $0["may_have_moved"] as Bool)
             }))
        }
        #expect(version == Int(Schema.version))
        #expect(flags == [river.rawValue: true, street.rawValue: true, bridge.rawValue: false])
        #expect(try upgraded.annotations(status: .orphaned).map(\.id) == [street])
        #expect(try upgraded.annotations(status: .moved).map(\.id) == [river])
        try expectListingsAgree(upgraded)
    }
}
