import Foundation
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

/// Random edits on 3 to 4 real replica files with random pairwise deliveries: after
/// everyone has everything, every replica holds exactly the same state and passes verify.
@Suite struct StoreConvergencePropertyTests {
    static var seeds: Range<UInt64> {
        let count = ProcessInfo.processInfo.environment["MARGINALIA_STORE_SEEDS"].flatMap(UInt64.init) ?? 25
        return 0..<count
    }

    @Test func replicasConvergeWhateverTheDeliveryOrder() throws {
        var conflicts = 0
        for seed in Self.seeds {
            conflicts += try run(seed: seed)
        }
        // Guard against a generator that stops producing concurrency worth testing.
        #expect(conflicts > 0, "no seed produced a conflict")
    }

    /// Runs one seed; returns the number of open conflicts the replicas converged to.
    private func run(seed: UInt64) throws -> Int {
        var random = SplitMix64(seed: seed)
        let directory = try TemporaryDirectory()
        let replicas = try (0..<Int.random(in: 3...4, using: &random)).map {
            try Replica.fixture("r\($0)", in: directory)
        }
        for _ in 0..<40 {
            let replica = replicas.randomElement(using: &random)!
            if Int.random(in: 0..<4, using: &random) == 0 {
                let other = replicas.randomElement(using: &random)!
                if other !== replica { try ReplicaFixtures.deliver(from: replica, to: other) }
            } else {
                try RandomEdit.apply(to: replica, using: &random)
            }
        }
        for _ in 0..<2 {
            for first in replicas { for second in replicas where first !== second {
                try ReplicaFixtures.deliver(from: first, to: second)
            } }
        }
        let reference = try ReplicaFixtures.state(of: replicas[0])
        for replica in replicas {
            let name = try replica.name()
            #expect(try ReplicaFixtures.state(of: replica) == reference, "seed \(seed): replica \(name)")
            #expect(try replica.verify().problems == [], "seed \(seed)")
        }
        return try replicas[0].status().openConflicts
    }
}
