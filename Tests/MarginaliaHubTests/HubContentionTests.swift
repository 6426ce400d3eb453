import Foundation
import MarginaliaCore
@testable import MarginaliaHub
import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// Several writers on one database at once, each with its own connections as separate
/// hub processes have, pushing overlapping and conflicting batches. Whatever the
/// interleaving, the log never holds a gap, a duplicate or two changes under one dot, and
/// every refusal is one of the protocol's codes (`HubAppend` says which locks make it so).
@Suite struct HubContentionTests {
    let cluster: PostgresCluster

    init() throws { cluster = try PostgresCluster() }

    /// `count` hub processes on the cluster's database (created by the first).
    private func hubs(_ count: Int) async throws -> [HubLog] {
        var hubs: [HubLog] = []
        for _ in 0..<count {
            let database = try await HubDatabase(url: try PostgresURL(cluster.url()), maximumConnections: 2)
            try await HubLog.initialize(on: database, name: "hub", now: Date(timeIntervalSince1970: 1_764_000_000))
            hubs.append(try await HubLog.open(database))
        }
        return hubs
    }

    private func close(_ hubs: [HubLog]) async {
        for hub in hubs { await hub.database.close() }
    }

    /// Four writers push the same 2,000 changes, cut into batches of different sizes, so
    /// that batches overlap partly: each change is stored once, the rest found duplicate.
    @Test func theSameChangesFromFourWritersAreStoredOnce() async throws {
        var random = SplitMix64(seed: 1_616)
        let changes = HubChanges.history(HubChanges.origins(5, using: &random), count: 2_000, using: &random)
        let hubs = try await hubs(4)
        let sizes = [100, 170, 333, 49]
        let applied = try await withThrowingTaskGroup(of: Int.self) { group in
            for (hub, size) in zip(hubs, sizes) {
                group.addTask {
                    var applied = 0
                    for start in stride(from: 0, to: changes.count, by: size) {
                        let batch = changes[start..<min(start + size, changes.count)]
                        let summary = try await hub.integrate(batch.map(PreparedChange.init))
                        #expect(summary.applied + summary.duplicates == batch.count)
                        applied += summary.applied
                    }
                    return applied
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(applied == changes.count)
        let knowledge = try await HubLogAudit.check(hubs[0], cluster: cluster)
        #expect(knowledge.counters.values.reduce(0, +) == 2_000)
        await close(hubs)
    }

    /// A change whose predecessor (same origin) or dependency (another origin) is in
    /// another writer's batch, not yet committed: it waits for that batch's lock or is
    /// refused `non_contiguous` / `causality_violation`, never stored ahead of it; sent
    /// again once that batch is in, it is accepted.
    @Test func aChangeAfterAnotherWritersUncommittedBatchWaitsOrIsRefused() async throws {
        var random = SplitMix64(seed: 2_026)
        let hubs = try await hubs(3)
        for round in 0..<5 {
            let (x, y) = (ReplicaID.random(using: &random), ReplicaID.random(using: &random))
            var seen = VersionVector()
            let big = (1...1_500).map { counter in
                defer { seen.record(Dot(replica: x, counter: UInt64(counter))) }
                return HubChanges.change(x, UInt64(counter), seen: seen, title: "Cầu Long Biên \(round).\(counter)")
            }
            let next = HubChanges.change(x, 1_501, seen: seen, title: "Cầu Long Biên, tiếp")
            let dependent = HubChanges.change(y, 1, seen: seen, title: "Sông Hồng lên")
            async let bigBatch = hubs[0].integrate(big.map(PreparedChange.init))
            async let successor = outcome(of: next, on: hubs[1])
            async let dependency = outcome(of: dependent, on: hubs[2])
            #expect(try await bigBatch.applied == 1_500)
            #expect([nil, .nonContiguous].contains(try await successor))
            #expect([nil, .causalityViolation].contains(try await dependency))
            let retried = try await hubs[1].integrate([PreparedChange(next), PreparedChange(dependent)])
            #expect(retried.applied + retried.duplicates == 2)
        }
        try await HubLogAudit.check(hubs[0], cluster: cluster)
        await close(hubs)
    }

    /// Two writers push different changes under the same dots at the same moment: one
    /// batch is stored whole, the other refused `equivocation` at its first change.
    @Test func twoChangesUnderOneDotNeverBothStored() async throws {
        var random = SplitMix64(seed: 404)
        let hubs = try await hubs(2)
        for round in 0..<25 {
            let origin = ReplicaID.random(using: &random)
            let versions = ["Hà Nội", "Huế"].map { city in
                [HubChanges.change(origin, 1, title: "\(city) \(round)"),
                 HubChanges.change(origin, 2, seen: VersionVector([origin: 1]), title: "\(city) \(round), sửa")]
            }
            async let first = outcome(of: versions[0], on: hubs[0])
            async let second = outcome(of: versions[1], on: hubs[1])
            let outcomes = [try await first, try await second]
            #expect(outcomes.filter { $0 == nil }.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0 == .equivocation }.count == 1, "round \(round): \(outcomes)")
        }
        let knowledge = try await HubLogAudit.check(hubs[0], cluster: cluster)
        #expect(knowledge.counters.count == 25 && knowledge.counters.values.allSatisfy { $0 == 2 })
        await close(hubs)
    }

    /// Pushes `changes` as one batch: nil when stored, else the refusal's code.
    private func outcome(of changes: [Change], on hub: HubLog) async throws -> ChangeRejection.Code? {
        do {
            let summary = try await hub.integrate(changes.map(PreparedChange.init))
            #expect(summary.applied == changes.count)
            return nil
        } catch let error as IntegrationError {
            #expect(error.index == 0)
            return error.rejection.code
        }
    }

    private func outcome(of change: Change, on hub: HubLog) async throws -> ChangeRejection.Code? {
        try await outcome(of: [change], on: hub)
    }
}
