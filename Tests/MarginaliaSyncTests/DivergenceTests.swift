import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaSync
import MarginaliaTestSupport
import Testing

/// Sessions between replicas that hold the same dot with other content (as a peer that
/// altered a change, or a wire that flipped a bit, would leave them): both sides end
/// `diverged`, record it, and the divergence search names the change.
@Suite struct DivergenceTests {
    private static let third = ReplicaID("cccccccccccccccc")!

    /// Changes 1…`count` of a third replica, each an article; change `altered` gets `note` in its title.
    private static func changes(count: UInt64, altering altered: UInt64? = nil) -> [Change] {
        (1...count).map { counter in
            var context = VersionVector()
            if counter > 1 { context[third] = counter - 1 }
            let title = counter == altered ? "Ghi chú họp sáng thứ Hai" : "Ghi chú họp sáng thứ Hai \(counter)"
            return Change(
                dot: Dot(replica: third, counter: counter), lamport: counter, time: 1_764_425_401_120,
                entity: EntityID(String(format: "r7kx2m0c5vzq%04d", counter))!, kind: .article,
                fields: [.title: .text(title), .alive: .flag(true)], context: context)
        }
    }

    private static func refusal(_ ended: Result<SyncSummary, any Error>) -> ProtocolError? {
        if case .failure(SyncFailure.refused(let error)) = ended { error } else { nil }
    }

    private func replicas(altering altered: UInt64) throws -> (Replica, Replica, TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        try laptop.integrate(Self.changes(count: 40))
        try office.integrate(Self.changes(count: 40, altering: altered))
        return (laptop, office, directory)
    }

    @Test func equalLogsEndWithEqualDigestsAndNoDivergence() async throws {
        let directory = try TemporaryDirectory()
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        try laptop.integrate(Self.changes(count: 40))
        _ = try office.edit { try $0.addArticle(title: "Mưa lũ", body: "mực nước dâng cao") }
        _ = try await SyncFixtures.sync(laptop, office)
        #expect(try laptop.logDigest() == office.logDigest())
        #expect(try laptop.divergences().isEmpty && office.divergences().isEmpty)
    }

    @Test func alteredChangeEndsDivergedOnBothSidesAndIsRecorded() async throws {
        let (laptop, office, directory) = try replicas(altering: 17)
        _ = directory
        let ended = try await SyncFixtures.ended(laptop, office)
        #expect(Self.refusal(ended.initiator)?.code == .diverged)
        #expect(Self.refusal(ended.responder)?.code == .diverged)
        // The responder compared the initiator's digest with its own; the initiator learnt
        // of it from the responder's error, without the responder's digest.
        let (laptopDigest, officeDigest) = (try laptop.logDigest(), try office.logDigest())
        let found = try #require(office.divergences().first)
        #expect(found.peer == laptop.id && found.local == officeDigest && found.remote == laptopDigest)
        let recorded = try #require(laptop.divergences().first)
        #expect(recorded.peer == office.id && recorded.local == laptopDigest && recorded.remote == nil)
        // Nothing remembered of a failed session.
        #expect(try laptop.rememberedKnowledge(of: office.id) == nil)
    }

    @Test func theSearchNamesTheAlteredChange() async throws {
        let (laptop, office, directory) = try replicas(altering: 17)
        _ = directory
        let ended = try await SyncFixtures.ended(laptop, office, findingDivergence: true)
        let refusal = try #require(Self.refusal(ended.initiator))
        #expect(refusal.code == .diverged)
        #expect(refusal.message.contains("changes that differ: cccccccccccccccc:17 (here "))
        #expect(!refusal.message.contains("cccccccccccccccc:16"))
    }

    /// A later session that finds the logs equal again forgets the divergence.
    @Test func aDivergenceIsForgottenOnceTheLogsAgree() async throws {
        let directory = try TemporaryDirectory()
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        try laptop.recordDivergence(peer: office.id, name: "office", local: .zero, remote: .zero)
        _ = try await SyncFixtures.sync(laptop, office)
        #expect(try laptop.divergences().isEmpty)
    }
}
