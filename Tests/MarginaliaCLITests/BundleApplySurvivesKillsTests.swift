import Foundation
import Testing

/// SIGKILL at random moments of `bundle apply` of a bundle larger than one batch (2,000
/// changes): afterwards the file passes SQLite's integrity check, no batch committed
/// before is gone, `verify` passes, and applying again resumes and completes. See
/// `KillSchedule` for the seed and longer runs.
@Suite("bundle apply survives being killed")
struct BundleApplySurvivesKillsTests {
    static let articleCount = 2_500

    @Test func killedAppliesResumeWhereTheyStopped() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let source = try lab.replica("source")
        try Self.importTinyArticles(into: source, in: lab)
        let bundle = lab.path("large.bundle")
        #expect(try source.createBundle(bundle).sent == Self.articleCount)
        let digest = try source.digest()

        var target = try lab.replica("target0")
        let start = Date()
        try target.apply(bundle)
        var schedule = KillSchedule(base: 20, scenario: 3, reach: Date().timeIntervalSince(start))
        var committed = Self.articleCount
        var midway = 0
        var replicas = 1
        for round in 0..<schedule.kills {
            // A complete target has nothing left to apply: kills go to a new one.
            if committed == Self.articleCount {
                target = try lab.replica("target\(replicas)")
                replicas += 1
                committed = 0
            }
            let delay = schedule.nextDelay()
            let comment = "kill \(round) after \(String(format: "%.3f", delay)) s (seed \(KillSchedule.seed))"
            let kill = try target.start(["bundle", "apply", bundle]).kill(after: delay)
            if kill.landedMidway { midway += 1 }
            schedule.note(kill)
            committed = try target.expectIntact(committed: committed, comment)
            try target.expectVerified(comment)
        }
        let resumed = try target.apply(bundle)
        #expect(resumed.received == Self.articleCount - committed)
        #expect(try target.digest() == digest)
        print("bundle apply: \(schedule.kills) kills (\(midway) while it ran) on \(replicas) replicas, seed \(KillSchedule.seed)")
    }

    /// Imports `articleCount` one-line articles into `node` in one command.
    static func importTinyArticles(into node: ReplicaNode, in lab: SyncLab) throws {
        let folder = try lab.importFolder("tiny", count: articleCount) {
            (String(format: "t%05d.txt", $0), "Tin \($0)\n\nMưa \($0).\n")
        }
        try #require(try node.ok("import", folder).lines.count == articleCount)
    }
}
