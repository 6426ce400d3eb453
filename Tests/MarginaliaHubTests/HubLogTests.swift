import Foundation
import MarginaliaCore
@testable import MarginaliaHub
import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// One hub process against a real PostgreSQL: its schema and identity, and a batch
/// appended, refused, paged and digested exactly as a SQLite replica does it.
@Suite struct HubLogTests {
    let cluster: PostgresCluster
    let directory: TemporaryDirectory

    init() throws {
        cluster = try PostgresCluster()
        directory = try TemporaryDirectory()
    }

    private func hub(_ database: String = "postgres") async throws -> HubLog {
        let connection = try await HubDatabase(url: try PostgresURL(cluster.url(database: database)))
        try await HubLog.initialize(on: connection, name: "toà soạn", now: Date(timeIntervalSince1970: 1_764_000_000))
        return try await HubLog.open(connection)
    }

    @Test func everyHubProcessOnADatabaseIsTheSamePeer() async throws {
        let first = try await hub()
        let second = try await hub()
        #expect(first.id == second.id)
        #expect(first.identity.fingerprint == second.identity.fingerprint)
        #expect(try await second.name() == "toà soạn")
        #expect(try cluster.psql("SELECT schema_version FROM hub") == "\(HubSchema.version)")
        await first.database.close()
        await second.database.close()
    }

    @Test func aDatabaseWithoutAHubSaysHowToMakeOne() async throws {
        try cluster.createDatabase("empty")
        let database = try await HubDatabase(url: try PostgresURL(cluster.url(database: "empty")))
        await #expect(throws: HubError.notInitialized(database.url.description)) { try await HubLog.open(database) }
        await database.close()
    }

    @Test func aNewerSchemaIsRefused() async throws {
        let hub = try await hub()
        try cluster.psql("UPDATE hub SET schema_version = \(HubSchema.version + 1)")
        await #expect(throws: HubError.schemaTooNew(found: HubSchema.version + 1, supported: HubSchema.version)) {
            try await HubLog.open(hub.database)
        }
        await hub.database.close()
    }

    /// A page stops once it holds `HubLog.pageBytes` of payloads (but holds at least one
    /// change), so that a session sending a log of long articles holds little of it at a
    /// time, however slowly its client reads.
    @Test func aPageHoldsAboutAMebibyteOfLongChanges() async throws {
        var random = SplitMix64(seed: 17)
        let origin = HubChanges.origins(1, using: &random)[0]
        let body = String(repeating: "Mực nước sông Hồng dâng cao, phố cổ chìm trong nước. ", count: 2_500)
        let changes = (1...24).map { HubChanges.change(origin, UInt64($0), title: "Bản tin \($0)", body: body) }
        let hub = try await hub()
        try await hub.integrate(changes.map(PreparedChange.init))
        var pages: [[String]] = []
        var position: Int64 = 0
        while true {
            let page = try await hub.changePage(notCoveredBy: VersionVector(), after: position, limit: 1_000)
            if page.payloads.isEmpty { break }
            pages.append(page.payloads)
            position = page.next
        }
        #expect(pages.joined().count == changes.count)
        #expect(pages.count > 1, "\(pages.map(\.count)) changes per page")
        for page in pages {
            #expect(page.dropLast().map(\.utf8.count).reduce(0, +) < HubLog.pageBytes, "\(pages.map(\.count)) changes per page")
        }
        await hub.database.close()
    }

    /// The same batches into the hub and into a SQLite replica: same knowledge, same
    /// digests (whole, covering a vector, of ranges), and the hub's pages give a fresh
    /// replica every change in an order it accepts.
    @Test func appendsPagesAndDigestsAsAReplicaDoes() async throws {
        var random = SplitMix64(seed: 16)
        let origins = HubChanges.origins(3, using: &random)
        let changes = HubChanges.history(origins, count: 300, using: &random)
        let hub = try await hub()
        let replica = try Replica.fixture("laptop", in: directory)
        for start in stride(from: 0, to: changes.count, by: 40) {
            let batch = Array(changes[start..<min(start + 40, changes.count)])
            let summary = try await hub.integrate(batch.map(PreparedChange.init))
            #expect(summary.applied == batch.count)
            try replica.integrate(batch)
        }
        let again = try await hub.integrate(changes[0..<10].map(PreparedChange.init))
        #expect(again.applied == 0 && again.duplicates == 10)
        let knowledge = try await hub.knowledge()
        #expect(knowledge == (try replica.knowledge()))
        #expect(try await hub.logDigest() == (try replica.logDigest()))
        let partial = VersionVector(Dictionary(uniqueKeysWithValues: origins.map { ($0, knowledge[$0] / 3) }))
        #expect(try await hub.logDigest(covering: partial) == (try replica.logDigest(covering: partial)))
        #expect(try await hub.logDigest(covering: knowledge.merged(with: VersionVector([origins[0]: 1_000]))) == nil)
        let ranges = origins.map { CounterRange(replica: $0, from: 2, to: knowledge[$0] - 1) }
        #expect(try await hub.logDigests(of: ranges) == (try replica.logDigests(of: ranges)))

        let fresh = try Replica.fixture("phone", in: directory)
        try fresh.integrate(Array(changes[0..<50]))
        var position: Int64 = 0
        var received = 0
        while true {
            let page = try await hub.changePage(notCoveredBy: try fresh.knowledge(), after: position, limit: 37)
            if page.payloads.isEmpty { break }
            try fresh.integrate(page.payloads.map { CanonicalChangeReader.change($0)! })
            received += page.payloads.count
            position = page.next
        }
        #expect(received == 250)
        #expect(try await hub.logDigest() == (try fresh.logDigest()))
        await hub.database.close()
    }

    /// Each refusal names the change and the protocol's code, and leaves the log as it was.
    @Test func refusesWhatAReplicaRefusesAndStoresNothingOfTheBatch() async throws {
        var random = SplitMix64(seed: 7)
        let origin = ReplicaID.random(using: &random)
        let hub = try await hub()
        let first = HubChanges.change(origin, 1, title: "Hồ Gươm")
        try await hub.integrate([PreparedChange(first)])
        let other = ReplicaID.random(using: &random)
        let cases: [(Change, ChangeRejection.Code)] = [
            (HubChanges.change(hub.id, 1, title: "giả mạo"), .forgedOrigin),
            (HubChanges.change(origin, 4, seen: VersionVector([origin: 2]), title: "nhảy cóc"), .nonContiguous),
            (HubChanges.change(other, 1, seen: VersionVector([ReplicaID.random(using: &random): 4]), title: "thiếu"), .causalityViolation),
            (HubChanges.change(origin, 1, title: "Hồ Tây"), .equivocation),
            (Change(
                dot: Dot(replica: other, counter: 1), lamport: 3, time: 0, entity: first.entity, kind: .annotation,
                fields: [.note: .text("ghi chú")], context: VersionVector([origin: 1])), .malformedChange),
        ]
        // Each after a good change, which must not be stored either: a batch is all or nothing.
        let good = HubChanges.change(origin, 2, seen: VersionVector([origin: 1]), title: "Hồ Gươm sáng nay")
        for (bad, code) in cases {
            do {
                try await hub.integrate([PreparedChange(good), PreparedChange(bad)])
                Issue.record("\(code) accepted")
            } catch let error as IntegrationError {
                #expect(error.rejection.code == code)
                #expect(error.index == 1)
            }
            #expect(try await hub.knowledge() == VersionVector([origin: 1]))
            #expect(try cluster.psql("SELECT count(*) FROM changes") == "1")
        }
        await hub.database.close()
    }

    /// The trusted peers are the database's, so every hub process admits the same ones.
    @Test func trustedPeersAreSharedByEveryHubProcess() async throws {
        let first = try await hub()
        let second = try await hub()
        var random = SplitMix64(seed: 15)
        let (office, phone) = (Self.fingerprint(&random), Self.fingerprint(&random))
        try await first.trust(office, name: "văn phòng")
        try await first.trust(phone, name: nil)
        #expect(try await second.trustedPeers().map(\.name) == ["văn phòng", nil])
        await #expect(throws: HubError.trustedNameTaken("văn phòng", by: office)) {
            try await second.trust(phone, name: "văn phòng")
        }
        try await second.trust(phone, name: "điện thoại")
        #expect(try await first.distrust("văn phòng").fingerprint == office)
        #expect(try await first.distrust(phone.description).name == "điện thoại")
        await #expect(throws: HubError.notTrusted("văn phòng")) { try await second.distrust("văn phòng") }
        #expect(try await second.trustedPeers().isEmpty)
        await first.database.close()
        await second.database.close()
    }

    private static func fingerprint(_ random: inout SplitMix64) -> Fingerprint {
        Fingerprint(bytes: (0..<32).map { _ in UInt8(random.int(0...255)) })!
    }
}
