import Foundation
import Testing

/// Ctrl-C (SIGINT) during a one-shot `sync`: the command stops, ends its peer, says
/// `interrupted` as its last word and exits 130; what was committed is kept, both
/// replicas verify, and nothing is printed once marginalia has exited (the peer used to
/// complain of a broken pipe after the shell's prompt was back).
@Suite("Interrupting a one-shot sync")
struct SyncInterruptTests {
    /// Interrupted once the peer has committed a batch.
    @Test func sigintStopsASyncUnderWay() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (sandbox, slow) = (lab.sandbox, try SlowSync(lab))

        let sync = try MarginaliaProcess.start(
            ["sync", slow.target], environment: sandbox.environment(), directory: sandbox.work)
        try waitUntil("road to commit a batch") { try slow.roadArticles(in: sandbox) > 0 }
        kill(sync.process.processIdentifier, SIGINT)
        // The peer is gone before marginalia is: nothing can write after it.
        try PidFile.waitForExit(ofPidIn: slow.servedPid)
        let result = try sync.finish()
        #expect(result.status == 130, "\(result)")
        #expect(result.stderr == "marginalia: interrupted\n", "\(result)")

        try sandbox.expectVerified()
        #expect(try sandbox.ok("--db", slow.road, "verify").lines.first?.hasPrefix("ok: ") == true)
        let received = try slow.roadArticles(in: sandbox)
        #expect(received > 0 && received < 5_000, "\(received)")
        // The next sync resumes and completes.
        try sandbox.ok("sync", slow.road)
        #expect(try slow.roadArticles(in: sandbox) == 5_000)
    }

    /// A peer that never answers: Ctrl-C must not wait for it.
    @Test func sigintStopsASyncWhosePeerStalls() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let desk = try lab.replica("desk")
        let stalled = lab.path("stalled.pid")
        let sync = try desk.start(["sync", "exec:\(shellQuote(lab.pidWrapper)) \(shellQuote(stalled)) sleep 600"])
        try waitUntil("the peer to start") { FileManager.default.fileExists(atPath: stalled) }
        kill(sync.process.processIdentifier, SIGINT)
        let result = try sync.finish()
        #expect(result.status == 130, "\(result)")
        #expect(result.stderr == "marginalia: interrupted\n", "\(result)")
        try PidFile.waitForExit(ofPidIn: stalled)
        try desk.expectVerified()
    }

    /// Ctrl-C in a terminal, with the progress line showing: `interrupted` on a line of
    /// its own, then the shell's prompt (here the exit status) and nothing after it.
    @Test func ctrlCInATerminal() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (sandbox, slow) = (lab.sandbox, try SlowSync(lab))
        let terminal = try TerminalSession(sandbox, arguments: ["sync", slow.target])
        defer { terminal.close() }
        try terminal.waitFor("sent 1000, received 0 changes")
        try terminal.press("C-c")
        #expect(try terminal.waitForExit() == 130)
        try PidFile.waitForExit(ofPidIn: slow.servedPid)
        let lines = try terminal.screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        #expect(lines.suffix(2) == ["marginalia: interrupted", "[exit status 130]"], "\(lines)")
        try sandbox.expectVerified()
    }
}
