import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaSync
import MarginaliaTestSupport
import Testing

/// Whole sync sessions between 3 to 5 real replica files over real sockets, many seeds:
/// random edits, random pairwise sessions in random directions, a third of them cut at a
/// random byte of one side's stream (before a hello, inside a line, before `done`).
/// After every cut both replicas pass `verify`; after a final round of full sessions
/// every replica has the same digest and every change made anywhere is in every log,
/// and the same log digest (`LogDigest`), whatever order the changes arrived in.
///
/// The end-to-end test (`SyncConvergencePropertyTests` in the CLI tests) does the same
/// through the binary and every transport, for fewer seeds: processes cost more than
/// sessions. `MARGINALIA_SESSION_SEEDS=N` runs N seeds (default 200), and
/// `MARGINALIA_SESSION_SEED=S` replays one: the seed decides every edit, cut and id.
@Suite struct SessionConvergencePropertyTests {
    static let seeds = propertySeeds("MARGINALIA_SESSION", default: 200)

    @Test func replicasConvergeThroughCutSessions() async throws {
        var outcomes = Outcomes()
        for seed in Self.seeds {
            try await run(seed: seed, counting: &outcomes)
        }
        // Guard against a generator that stops cutting sessions where it matters.
        #expect(outcomes.cutSessionsThatFailed > 0 && outcomes.cutSessionsThatCompleted > 0, "\(outcomes)")
        #expect(outcomes.conflicts > 0, "no seed produced a conflict")
    }

    private struct Outcomes {
        var cutSessionsThatFailed = 0
        var cutSessionsThatCompleted = 0
        var conflicts = 0
    }

    private func run(seed: UInt64, counting outcomes: inout Outcomes) async throws {
        var random = SplitMix64(seed: seed)
        let directory = try TemporaryDirectory()
        let replicas = try (0..<random.int(3...5)).map { try Replica.fixture("r\($0)", in: directory, seed: random.next()) }
        for _ in 0..<30 {
            guard random.int(0...2) == 0 else {
                try RandomEdit.apply(to: random.pick(replicas), using: &random)
                continue
            }
            let (initiator, responder) = twoOf(replicas, using: &random)
            guard random.int(0...2) == 0 else {
                _ = try await SyncFixtures.sync(initiator, responder)
                continue
            }
            let cut = SyncFixtures.Cut(fromInitiator: random.int(0...1) == 0, bytes: random.int(0...800))
            let ended = try await SyncFixtures.sync(initiator, responder, cut: cut)
            let completed = (try? ended.initiator.get()) != nil && (try? ended.responder.get()) != nil
            if completed { outcomes.cutSessionsThatCompleted += 1 } else { outcomes.cutSessionsThatFailed += 1 }
            for replica in [initiator, responder] {
                #expect(try replica.verify().problems == [], "MARGINALIA_SESSION_SEED=\(seed): after a session cut at \(cut)")
            }
        }
        // Everyone with the first replica, then the first with everyone: all hold everything.
        for replica in replicas.dropFirst() { _ = try await SyncFixtures.sync(replica, replicas[0]) }
        for replica in replicas.dropFirst() { _ = try await SyncFixtures.sync(replicas[0], replica) }

        let digest = try StateDigest.of(replicas[0])
        let logDigest = try replicas[0].logDigest()
        let knowledge = try replicas[0].knowledge()
        // Counters are contiguous per origin, so a log as long as the sum of its knowledge
        // holds every change that knowledge names: every change made anywhere.
        let everyChange = knowledge.sortedEntries.reduce(0) { $0 + Int($1.counter) }
        for replica in replicas {
            let name = try replica.name()
            #expect(try StateDigest.of(replica) == digest, "MARGINALIA_SESSION_SEED=\(seed): replica \(name)")
            #expect(try replica.logDigest() == logDigest, "MARGINALIA_SESSION_SEED=\(seed): replica \(name)")
            #expect(try replica.divergences().isEmpty, "MARGINALIA_SESSION_SEED=\(seed): replica \(name)")
            #expect(try replica.knowledge() == knowledge, "MARGINALIA_SESSION_SEED=\(seed): replica \(name)")
            #expect(try replica.status().changes == everyChange, "MARGINALIA_SESSION_SEED=\(seed): replica \(name)")
            #expect(try replica.verify().problems == [], "MARGINALIA_SESSION_SEED=\(seed): replica \(name)")
        }
        outcomes.conflicts += try replicas[0].status().openConflicts
    }

    private func twoOf(_ replicas: [Replica], using random: inout SplitMix64) -> (Replica, Replica) {
        let first = random.int(0...(replicas.count - 1))
        let second = (first + random.int(1...(replicas.count - 1))) % replicas.count
        return (replicas[first], replicas[second])
    }
}
