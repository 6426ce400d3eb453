import Foundation
import Testing

/// When another program keeps the replica's write lock longer than a command will wait,
/// the command gives up with one clear line and exit 75 (try again), writing nothing;
/// reads go on meanwhile. `MARGINALIA_BUSY_TIMEOUT` shortens the wait so the test is quick.
@Suite("a replica locked by another program")
struct ReplicaLockTimeoutTests {
    static let shortWait: [String: String?] = ["MARGINALIA_BUSY_TIMEOUT": "0.3"]

    @Test func writersGiveUpClearlyAndReadersGoOn() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let article = try office.newID("add", "Locked", "--body", "mưa lớn ở Hà Nội")
        let peer = try lab.replica("peer")
        try peer.newID("add", "From a peer", "--body", "text")
        let bundle = lab.path("peer.bundle")
        try peer.createBundle(bundle)

        let lock = try WriteLockHolder(database: office.path)
        let writes: [[String]] = [
            ["add", "Waiting", "--body", "b"], ["annotate", article, "--quote", "mưa"],
            ["edit", article, "--title", "Renamed"], ["tag", article, "+late"], ["bundle", "apply", bundle],
            ["sync", peer.path],
        ]
        for write in writes { try expectBusy(office, write) }
        #expect(try office.ok("list").lines.count == 1, "reads go on while the lock is held")
        try lock.release()

        try office.newID("add", "After", "--body", "b")
        #expect(try office.apply(bundle).received == 1)
        try office.expectVerified()
    }

    /// `arguments` must fail with exit 75 and, last on standard error, the one line saying
    /// the replica is busy (a sync's responder may add its own line), changing nothing.
    /// Compared through the read commands: folding the WAL in would need the lock.
    func expectBusy(_ node: ReplicaNode, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let before = try node.fingerprint(sourceLocation: sourceLocation)
        let result = try node.run(arguments, env: Self.shortWait)
        #expect(result.status == Exit.busy, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout == "", "\(result)", sourceLocation: sourceLocation)
        let expected = "marginalia: replica \(node.path) is busy: another process kept it locked for longer than the "
            + "busy timeout; try again"
        #expect(result.errorLines.last == expected, "\(result)", sourceLocation: sourceLocation)
        if arguments.first != "sync" {
            #expect(result.errorLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        }
        #expect(try node.fingerprint(sourceLocation: sourceLocation) == before, "\(result) changed the replica",
                sourceLocation: sourceLocation)
    }

    /// A writer that starts while the lock is held waits for it instead of failing.
    @Test func aWriterWaitsForAShortLock() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        let lock = try WriteLockHolder(database: sandbox.db)
        let waiting = try sandbox.start("add", "Patient", "--body", "b")
        usleep(300_000)
        try lock.release()
        let result = try waiting.finish()
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        #expect(try sandbox.status().articles == 1)
    }

    @Test func aBusyTimeoutThatIsNotANumberIsAUsageError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        let before = try sandbox.fingerprint()
        let result = try sandbox.run("add", "T", "--body", "b", env: ["MARGINALIA_BUSY_TIMEOUT": "soon"])
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.errorLines == ["marginalia: MARGINALIA_BUSY_TIMEOUT must be a number of seconds, not 'soon'"])
        #expect(try sandbox.fingerprint() == before)
    }
}
