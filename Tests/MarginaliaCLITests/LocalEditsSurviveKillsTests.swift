import Foundation
import Testing

/// SIGKILL at random moments of a shell loop of local edits (`add`, `annotate`, `edit`,
/// `tag`, one process each): the command running is killed, then the loop.
/// Afterwards the file passes SQLite's integrity check, no committed change is gone,
/// every id a command printed exists, `verify` passes, and the loop runs again.
/// See `KillSchedule` for the seed and longer runs.
@Suite("local edits survive being killed")
struct LocalEditsSurviveKillsTests {
    /// `edit-loop DB OUT ROUND COUNT`: COUNT rounds of add, annotate, edit and tag; the
    /// ids printed go to OUT/articles and OUT/annotations, and each command's pid to
    /// OUT/pid (through the lab's pid wrapper) so the test can kill it.
    static func loopScript(in lab: SyncLab) throws -> String {
        let path = lab.path("edit-loop")
        let marginalia = "\(shellQuote(lab.pidWrapper)) \"$out/pid\" \(shellQuote(SyncLab.binary)) --db \"$db\""
        let script = """
            #!/bin/sh
            db=$1 out=$2 round=$3 count=$4 i=0
            while [ "$i" -lt "$count" ]; do
              id=$(\(marginalia) add "Round $round, $i" --body "Mưa lớn ở Hà Nội, lần $i") || exit 1
              printf '%s\\n' "$id" >> "$out/articles"
              \(marginalia) annotate "$id" --quote "Hà Nội" --note "lần $i" >> "$out/annotations" || exit 1
              \(marginalia) edit "$id" --title "Round $round, $i, edited" > /dev/null || exit 1
              \(marginalia) tag "$id" +loop > /dev/null || exit 1
              i=$((i + 1))
            done

            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func killedEditsLoseNothingCommitted() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let notes = try lab.replica("notes")
        let script = try Self.loopScript(in: lab)
        let out = lab.root.appendingPathComponent("loop-out", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let pidFile = out.appendingPathComponent("pid").path
        // The loop never ends by itself: any delay lands in some command.
        var schedule = KillSchedule(base: 30, scenario: 2, reach: 0.5)
        var committed = 0
        var insideACommand = 0
        for round in 0..<schedule.kills {
            let delay = 0.02 + schedule.nextDelay()
            let comment = "kill \(round) after \(String(format: "%.3f", delay)) s (seed \(KillSchedule.seed))"
            let loop = try MarginaliaProcess.start(
                [notes.path, out.path, "\(round)", "1000000"], environment: lab.sandbox.environment(),
                directory: lab.sandbox.work, executable: URL(fileURLWithPath: script))
            #expect(loop.runs(for: delay), "\(comment): the loop stopped by itself")
            // The command running now first, then the loop, then any command it started meanwhile.
            if try PidFile.kill(pidIn: pidFile) { insideACommand += 1 }
            let stopped = try loop.kill(after: 0)
            try PidFile.kill(pidIn: pidFile)
            // The shell reports the command it lost; no command may have failed by itself.
            #expect(stopped.result.errorLines.allSatisfy { $0 == "Killed" }, "\(comment): \(stopped.result)")

            committed = try notes.expectIntact(committed: committed, comment)
            let articles = try Self.ids(in: out.appendingPathComponent("articles"))
            #expect(try notes.articleIDs().isSuperset(of: articles), "\(comment): an added article is missing")
            let annotations = try Self.ids(in: out.appendingPathComponent("annotations"))
            let stored = Set(try notes.jsonLines(AnnotationDoc.self, "annotations", "--json").map(\.id))
            #expect(stored.isSuperset(of: annotations), "\(comment): an annotation is missing")
            try notes.expectVerified(comment)
        }
        let rerun = try MarginaliaProcess.run(
            [notes.path, out.path, "last", "2"], environment: lab.sandbox.environment(), directory: lab.sandbox.work,
            executable: URL(fileURLWithPath: script))
        #expect(rerun.status == 0, "\(rerun)")
        #expect(try notes.status().changes == committed + 8)
        try notes.expectVerified()
        print("local edits: \(schedule.kills) kills (\(insideACommand) inside a command), \(committed) changes kept, seed \(KillSchedule.seed)")
    }

    /// The complete ids in a file of printed ids (a line cut short by the kill is not one).
    static func ids(in file: URL) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return Set(RunResult.lines(of: try String(contentsOf: file, encoding: .utf8)).filter(Sandbox.isID))
    }
}
