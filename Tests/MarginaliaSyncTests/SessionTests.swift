import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaSync
import MarginaliaTestSupport
import Testing

/// Whole sessions between real replica files over a real socket pair.
@Suite struct SessionTests {
    @Test func twoReplicasEndIdenticalAndRememberEachOther() async throws {
        let directory = try TemporaryDirectory()
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: "mực nước dâng cao") }
        _ = try office.edit { try $0.addArticle(title: "Other", body: "text") }
        let (asked, answered) = try await SyncFixtures.sync(laptop, office)
        #expect(asked.sent == 1 && asked.received == 1)
        #expect(answered.sent == 1 && answered.received == 1)
        #expect(asked.peerName == "office" && answered.peerName == "laptop")
        #expect(try StateDigest.of(laptop) == StateDigest.of(office))
        #expect(try laptop.rememberedKnowledge(of: office.id) == laptop.knowledge())

        // Concurrent edits of one field become a conflict on both sides, counted once.
        try laptop.edit { try $0.editArticle(article, title: "A") }
        try office.edit { try $0.editArticle(article, title: "B") }
        let (second, _) = try await SyncFixtures.sync(office, laptop)
        #expect(second.newConflicts == 1)
        #expect(try laptop.conflicts().count == 1)
        #expect(try StateDigest.of(laptop) == StateDigest.of(office))

        // Nothing new: nothing sent.
        let (third, _) = try await SyncFixtures.sync(laptop, office)
        #expect(third.sent == 0 && third.received == 0)
    }

    @Test func aLargeLogCrossesInBatches() async throws {
        let directory = try TemporaryDirectory()
        let source = try Replica.fixture("source", in: directory)
        let target = try Replica.fixture("target", in: directory)
        try source.edit { editor in
            for index in 0..<(ProtocolConstants.batchSize * 2 + 7) {
                _ = try editor.addArticle(title: "Article \(index)", body: "Đường phố số \(index)")
            }
        }
        let (summary, _) = try await SyncFixtures.sync(source, target)
        #expect(summary.sent == ProtocolConstants.batchSize * 2 + 7)
        #expect(try StateDigest.of(source) == StateDigest.of(target))
        #expect(try target.verify().problems == [])
    }
}
