import Foundation
import Testing

/// SIGKILL of `import` (of many files, one transaction) at random moments: afterwards the
/// file passes SQLite's integrity check, the import is there entirely or not at all,
/// every id it printed before dying exists, `verify` passes, and a new import completes.
/// See `KillSchedule` for the seed and longer runs.
@Suite("import survives being killed")
struct ImportSurvivesKillsTests {
    static let fileCount = 40

    @Test func killedImportsLeaveAllOrNothing() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let library = try lab.replica("library")
        let folder = try Self.articleFolder(in: lab)
        // Up to one import's time: most kills land before the commit, some after it.
        var schedule = KillSchedule(base: 40, scenario: 1, reach: try Self.importDuration(into: lab, folder: folder))
        var committed = 0
        var midway = 0
        for round in 0..<schedule.kills {
            let delay = schedule.nextDelay()
            let comment = "kill \(round) after \(String(format: "%.3f", delay)) s (seed \(KillSchedule.seed))"
            let kill = try library.start(["import", folder]).kill(after: delay)
            if kill.landedMidway { midway += 1 }
            schedule.note(kill)
            let changes = try library.expectIntact(committed: committed, comment)
            #expect([committed, committed + Self.fileCount].contains(changes), "\(comment): a partial import, \(changes)")
            let printed = kill.result.lines.filter(Sandbox.isID)
            #expect(try library.articleIDs().isSuperset(of: printed), "\(comment): printed ids are missing")
            try library.expectVerified(comment)
            committed = changes
        }
        let rerun = try library.ok("import", folder)
        #expect(rerun.lines.count == Self.fileCount)
        #expect(try library.status().changes == committed + Self.fileCount)
        try library.expectVerified()
        print("import: \(schedule.kills) kills (\(midway) while it ran), \(committed / Self.fileCount) imports committed, seed \(KillSchedule.seed)")
    }

    /// `fileCount` short articles in plain text and Markdown.
    static func articleFolder(in lab: SyncLab) throws -> String {
        try lab.importFolder("to-import", count: fileCount) { number in
            number % 2 == 0
                ? ("a\(number).txt", "Bài \(number)\n\nMưa lớn ở Hà Nội, lần \(number).\n")
                : ("a\(number).md", "# Bài \(number)\n\nĐường Láng ngập, lần **\(number)**.\n")
        }
    }

    /// How long one whole import takes here, measured on a replica of its own.
    static func importDuration(into lab: SyncLab, folder: String) throws -> Double {
        let scratch = try lab.replica("scratch")
        let start = Date()
        try scratch.ok("import", folder)
        return Date().timeIntervalSince(start)
    }
}
