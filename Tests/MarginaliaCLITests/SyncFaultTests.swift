import Foundation
import MarginaliaTestSupport
import Testing

/// SIGKILL of the syncing or the serving process at random moments of a large sync (a
/// replica of a few thousand imported articles). Afterwards both files pass SQLite's
/// integrity check and `verify`, nothing committed before the kill is lost (the change
/// counts seen while the sync ran never go down), and a new sync converges.
///
/// `MARGINALIA_FAULT_ROUNDS=N` runs N rounds per victim (default 2, two kills each);
/// `MARGINALIA_FAULT_SEED=S` changes the delays (see `KillSchedule`).
@Suite("sync survives being killed")
struct SyncFaultTests {
    enum Victim: String, CaseIterable, Sendable {
        /// `sync exec:…` killed; its responder is left to notice.
        case initiator
        /// The `serve --stdio` behind `sync exec:` killed.
        case responder
        /// `serve --listen` killed under a `sync tcp://` client.
        case tcpServer
    }

    static let rounds = ProcessInfo.processInfo.environment["MARGINALIA_FAULT_ROUNDS"].flatMap { Int($0) } ?? 2
    static let seed = KillSchedule.seed
    static let articleCount = 3_000

    /// A replica holding `articleCount` imported articles.
    static func largeReplica(in lab: SyncLab) throws -> ReplicaNode {
        let big = try lab.replica("library")
        let paragraph = String(repeating: "Mưa lớn kéo dài khiến mực nước sông Hồng dâng cao; đường phố Hà Nội ngập sâu. ", count: 8)
        let folder = try lab.importFolder("articles", count: articleCount) {
            (String(format: "a%05d.txt", $0), "Bài số \($0)\n\n\(paragraph)\n\nĐoạn cuối \($0).\n")
        }
        let imported = try big.ok("import", folder)
        try #require(imported.lines.count == articleCount)
        return big
    }

    @Test(arguments: Victim.allCases)
    func killedMidSync(victim: Victim) throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        var random = SplitMix64(seed: Self.seed &+ UInt64(Victim.allCases.firstIndex(of: victim)!))
        let big = try Self.largeReplica(in: lab)
        let token = try lab.tokenFile()
        var killsLandedMidway = 0

        for round in 0..<Self.rounds {
            let small = try lab.replica("small\(round)")
            for number in 0..<5 { try small.newID("add", "Small \(round).\(number)", "--body", "text \(number)") }
            var seen = [big.path: try big.status().changes, small.path: try small.status().changes]

            for attempt in 0..<2 {
                // Alternate who initiates: the large replica sends first, or receives last.
                let (initiator, responder) = (round + attempt) % 2 == 0 ? (small, big) : (big, small)
                // Half the kills come at a random time, half a random time after the small
                // replica has committed its first batch of the large one's changes.
                let delay = Double(random.int(20...1_500)) / 1000
                let current = try small.status().changes
                let afterBatch = random.chance(0.5) ? current + 1 : nil
                let comment = "\(victim) round \(round) attempt \(attempt): \(initiator.name) → \(responder.name), kill "
                    + (afterBatch.map { _ in "\(delay / 5)s after a batch" } ?? "after \(delay)s") + " (seed \(Self.seed))"
                let outcome = try killSync(
                    victim, initiator: initiator, responder: responder, token: token,
                    when: afterBatch.map { .committed(small, atLeast: $0, thenWait: delay / 5) } ?? .after(delay),
                    watching: [big, small], seen: &seen)
                if outcome.killedMidway { killsLandedMidway += 1 }
                for node in [big, small] {
                    let changes = try node.expectIntact(committed: seen[node.path]!, comment)
                    seen[node.path] = max(seen[node.path]!, changes)
                }
                try expectSearchFindsNewestArticle(small, comment)
                try small.expectVerified(comment)
                if let status = outcome.survivorStatus {
                    #expect(status == 0 || status == Exit.syncFailed, "\(comment): \(outcome)")
                }
            }
            // A new sync completes and converges.
            let summary = try small.sync(big.path)
            #expect(summary.peer == big.id)
            try expectConverged([big, small], "\(victim) round \(round)")
            #expect(try small.dots() == big.dots())
            #expect(try small.status().changes == Self.articleCount + 5 * (round + 1))
        }
        // Not an assertion on timing: the report says how many kills hit a running session.
        print("\(victim): \(killsLandedMidway) of \(2 * Self.rounds) kills landed while the sync ran")
    }

    /// A server that resets the connection mid-session (what a crashed server's kernel
    /// does) makes a failed sync like any hang-up: exit 75, one line, nothing changed.
    /// (Plaintext, `--insecure`: the raw server plays the protocol, not TLS.)
    @Test(arguments: [false, true])
    func aServerHangingUpMidSessionIsAFailedSync(withReset reset: Bool) throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let laptop = try lab.replica("laptop")
        try laptop.newID("add", "Laptop", "--body", "text")
        let token = try lab.tokenFile()
        let listener = try RawListener()
        let before = try laptop.snapshot()
        let running = try laptop.start(["sync", "tcp://127.0.0.1:\(listener.port)", "--token-file", token, "--insecure"])
        let connection = try listener.accept()
        try connection.send(line: "{\"nonce\":\"AAAA\",\"type\":\"challenge\"}")
        // The client's hello: it now waits for the server's.
        let hello = try connection.readLine()
        #expect(hello?.contains("\"type\":\"hello\"") == true, "\(String(describing: hello))")
        if reset { connection.reset() } else { connection.close() }
        let result = try running.finish()
        #expect(result.status == Exit.syncFailed, "\(result)")
        #expect(result.stdout == "" && result.errorLines.count == 1, "\(result)")
        #expect(!result.stderr.contains("marginalia help"), "not a usage problem: \(result)")
        #expect(try laptop.snapshot() == before)
    }

    /// The responder speaks last, so it cannot know that the initiator kept what it sent:
    /// when its answer is lost, it must not remember the initiator as holding it, or the
    /// next `bundle create --for` skips those changes and the bundle is refused
    /// (`non_contiguous`). Found by the convergence property test (seed 134).
    @Test func aResponderWhoseAnswerIsLostDoesNotCreditTheInitiator() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let laptop = try lab.replica("laptop")
        try office.newID("add", "Office's", "--body", "never reaches laptop live")
        try laptop.newID("add", "Laptop's", "--body", "reaches office")
        // Only the responder's hello gets through; the rest of its answer is swallowed.
        let lossy = "exec:\(shellQuote(SyncLab.binary)) --db \(shellQuote(office.path)) serve --stdio | "
            + "{ IFS= read -r line; printf '%s\\n' \"$line\"; cat >/dev/null; }"
        let result = try laptop.run("sync", lossy)
        #expect(result.status == Exit.syncFailed, "\(result)")
        #expect(try office.status().knowledge == [office.id: 1, laptop.id: 1])
        #expect(try laptop.status().knowledge == [laptop.id: 1])

        try office.newID("add", "Office's second", "--body", "made after")
        let bundle = lab.path("for-laptop.bundle")
        let created = try office.createBundle(bundle, for: laptop.id)
        #expect(created.sent == 2, "laptop never got office:1, so the bundle must carry it")
        let applied = try laptop.run("bundle", "apply", bundle)
        #expect(applied.status == 0, "\(applied)")
        try expectConverged([office, laptop])
    }

    /// Searching finds the newest of the large replica's articles that `node` holds: a
    /// sync killed after batches that left their rows out of the full-text indexes, or
    /// during the one pass that builds them, leaves them marked for the next search to
    /// build. (Checked before `verify`, which builds them too.)
    func expectSearchFindsNewestArticle(_ node: ReplicaNode, _ comment: String) throws {
        let newest = try node.sqlite3(
            "SELECT title FROM articles WHERE title LIKE 'Bài số %' ORDER BY rowid DESC LIMIT 1"
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let number = newest.split(separator: " ").last else { return }
        let search = try node.ok("search", "\"số \(number)\"")
        #expect(search.stdout.contains(newest), "\(comment): searching for '\(newest)' found \(search.stdout)")
    }

    struct Outcome: CustomStringConvertible {
        /// Whether the session was still running when the kill came.
        var killedMidway: Bool
        /// The exit status of the side that was not killed, when it is a child of the test.
        var survivorStatus: Int32?
        var survivor: String

        var description: String {
            "killed midway: \(killedMidway), survivor exit \(survivorStatus.map(String.init) ?? "?"): \(survivor)"
        }
    }

    /// When to kill.
    enum Moment {
        /// This many seconds after the start.
        case after(Double)
        /// Once `node` has committed `count` changes, after a further wait.
        case committed(ReplicaNode, atLeast: Int, thenWait: Double)
    }

    /// Runs `initiator sync responder` and SIGKILLs `victim` at `moment` (or when the sync
    /// ends first), polling the change counts of `watching` meanwhile into `seen` (the
    /// highest seen).
    func killSync(
        _ victim: Victim, initiator: ReplicaNode, responder: ReplicaNode, token: String, when moment: Moment,
        watching: [ReplicaNode], seen: inout [String: Int]
    ) throws -> Outcome {
        let pidFile = initiator.lab.path("responder-\(UUID().uuidString).pid")
        var server: ServerProcess?
        let target: [String]
        switch victim {
        case .initiator, .responder:
            target = ["exec:\(shellQuote(initiator.lab.pidWrapper)) \(shellQuote(pidFile)) \(shellQuote(SyncLab.binary)) "
                + "--db \(shellQuote(responder.path)) serve --stdio"]
        case .tcpServer:
            server = try ServerProcess(responder, tokenFile: token)
            target = [server!.target, "--token-file", token]
        }
        let running = try initiator.start(["sync"] + target)

        // Let it run until the moment, watching what each side has committed.
        var start = Date()
        var delay: Double
        var waitingFor: (node: ReplicaNode, count: Int)?
        switch moment {
        case .after(let seconds): delay = seconds
        case .committed(let node, let count, let seconds): (delay, waitingFor) = (seconds, (node, count))
        }
        while running.process.isRunning {
            for node in watching {
                if let status = try? node.run("status", "--json"), status.status == 0,
                   let doc = try? JSONDecoder().decode(StatusDoc.self, from: Data(status.stdout.utf8)) {
                    seen[node.path] = max(seen[node.path] ?? 0, doc.changes)
                }
            }
            if let waiting = waitingFor {
                if (seen[waiting.node.path] ?? 0) >= waiting.count {
                    waitingFor = nil
                    start = Date()
                }
            } else if Date().timeIntervalSince(start) >= delay {
                break
            }
            usleep(20_000)
        }
        let midway = running.process.isRunning
        switch victim {
        case .initiator:
            kill(running.process.processIdentifier, SIGKILL)
            let killed = try running.finish()
            try PidFile.waitForExit(ofPidIn: pidFile)
            return Outcome(killedMidway: midway, survivorStatus: nil, survivor: "\(killed)")
        case .responder:
            try PidFile.kill(pidIn: pidFile)
            let survivor = try running.finish()
            return Outcome(killedMidway: midway, survivorStatus: survivor.status, survivor: "\(survivor)")
        case .tcpServer:
            try server!.crash()
            let survivor = try running.finish()
            return Outcome(killedMidway: midway, survivorStatus: survivor.status, survivor: "\(survivor)")
        }
    }
}
