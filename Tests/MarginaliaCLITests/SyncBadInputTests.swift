import Foundation
import Testing

/// Hand-written protocol input: each refusal names its code and the offending line, the
/// refusing side exits 75, and the refusing replica is byte for byte as it was.
@Suite("sync refuses bad input")
struct SyncBadInputTests {
    /// A lab with a server replica that holds changes of its own and of a donor, and
    /// the donor's real change lines to build inputs from.
    struct Fixture {
        let lab: SyncLab
        /// The replica under test, fed by hand.
        let server: ReplicaNode
        /// Makes real changes: `donor:1` (an article), `donor:2` (its annotation), `donor:3` (a title edit).
        let donor: ReplicaNode
        /// Synced from the donor, then edits: `relay:1` depends on `donor:3`.
        let relay: ReplicaNode
        let donorLines: [String]
        let relayLine: String

        init() throws {
            lab = try SyncLab()
            server = try lab.replica("server")
            donor = try lab.replica("donor")
            relay = try lab.replica("relay")
            try server.newID("add", "Server's own", "--body", "kept as it is")
            let article = try donor.newID("add", "Hà Nội ngập sâu", "--body", "Mưa lớn kéo dài khiến mực nước dâng cao.")
            try donor.newID("annotate", article, "--quote", "mực nước", "--note", "đo lúc 6h")
            try donor.ok("edit", article, "--title", "Hà Nội: mưa lớn")
            donorLines = try ProtocolLines.changeLines(of: donor)
            try #require(donorLines.count == 3)
            try relay.sync(donor.path)
            try relay.ok("tag", article, "+relayed")
            relayLine = try ProtocolLines.line(ProtocolLines.changeLines(of: relay), replica: relay.id, counter: 1)
            // The server holds donor:1 only, so that duplicates and equivocations can be tried.
            let first = ProtocolLines.input([
                ProtocolLines.hello(replica: donor.id, knowledge: [donor.id: 1]), donorLines[0], ProtocolLines.done(1),
            ])
            let seeded = try server.run(["serve", "--stdio"], stdin: first)
            try #require(seeded.status == 0, "\(seeded)")
            try #require(try server.status().knowledge == [server.id: 1, donor.id: 1])
        }

        /// Another change under `donor:1`: same dot, another title.
        func forgedFirstTitle() throws -> String {
            try ProtocolLines.replacing(donorLines[0], "\"title\":\"Hà Nội ngập sâu\"", with: "\"title\":\"Tiêu đề khác\"")
        }
    }

    /// Feeds `lines` to `serve --stdio` on the fixture's server: it must exit 75, write
    /// the error line `code` at `line` last on standard output (after its hello when
    /// `helloFirst`), say so in one line on standard error, and change nothing.
    func expectServerRefuses(
        _ fixture: Fixture, _ input: Data, code: String, line: Int, helloFirst: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try fixture.server.snapshot(sourceLocation: sourceLocation)
        let result = try fixture.server.run(["serve", "--stdio"], stdin: input)
        try #require(result.status == Exit.syncFailed, "\(result)", sourceLocation: sourceLocation)
        BadInputCatalogue.expectRefusal(
            result.lines, code: code, line: line, before: helloFirst ? ["hello"] : [], "\(result)",
            sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("marginalia: sync refused the peer's input: \(code): "), "\(result)",
                sourceLocation: sourceLocation)
        #expect(result.stderr.contains("(line \(line))"), "\(result)", sourceLocation: sourceLocation)
        let after = try fixture.server.snapshot(sourceLocation: sourceLocation)
        #expect(before.bytes == after.bytes, "the replica file changed after \(code)", sourceLocation: sourceLocation)
        #expect(before.report == after.report, "the replica's state changed after \(code)", sourceLocation: sourceLocation)
        try fixture.server.expectVerified(sourceLocation: sourceLocation)
    }

    func lines(_ lines: String...) -> Data { ProtocolLines.input(lines) }

    @Test func malformedJSON() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        try expectServerRefuses(f, lines("{\"type\":\"hello\","), code: "malformed_line", line: 1, helloFirst: false)
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(), f.donorLines[1], "{\"change\":{\"counter\":3,", ProtocolLines.done(2)),
            code: "malformed_line", line: 3, helloFirst: true)
        try expectServerRefuses(f, lines(ProtocolLines.hello(), "[1,2,3]"), code: "malformed_line", line: 2, helloFirst: true)
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(), "{\"type\":\"gossip\"}"), code: "malformed_line", line: 2, helloFirst: true)
    }

    /// Not UTF-8, no final newline, a line over 16 MiB.
    @Test func framing() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        for framing in BadInputCatalogue.framing() {
            try expectServerRefuses(f, framing.input, code: framing.code, line: framing.line, helloFirst: true)
        }
    }

    @Test func truncatedLastLine() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        let hello = ProtocolLines.hello(replica: f.donor.id, knowledge: [f.donor.id: 3])
        // A valid change, then `done` cut short: the change is not kept either.
        let input = Data((hello + "\n" + f.donorLines[1] + "\n" + "{\"count\":1,\"type\":\"do").utf8)
        try expectServerRefuses(f, input, code: "malformed_line", line: 3, helloFirst: true)
        let cutChange = Data((hello + "\n" + f.donorLines[1].dropLast(10)).utf8)
        try expectServerRefuses(f, cutChange, code: "malformed_line", line: 2, helloFirst: true)
    }

    @Test func wrongProtocolOrVersion() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(version: 3), ProtocolLines.done(0)), code: "unsupported_version", line: 1,
            helloFirst: false)
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(protocolName: "marginalia-sink"), ProtocolLines.done(0)),
            code: "unsupported_version", line: 1, helloFirst: false)
    }

    @Test func changeBeforeHello() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        try expectServerRefuses(
            f, lines(f.donorLines[1], ProtocolLines.hello(), ProtocolLines.done(1)), code: "unexpected_message", line: 1,
            helloFirst: false)
        try expectServerRefuses(
            f, lines(ProtocolLines.done(0)), code: "unexpected_message", line: 1, helloFirst: false)
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(), ProtocolLines.hello(), ProtocolLines.done(0)), code: "unexpected_message",
            line: 2, helloFirst: true)
    }

    @Test func nonContiguousCounter() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        // The server holds donor:1; donor:3 skips donor:2.
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(replica: f.donor.id, knowledge: [f.donor.id: 3]), f.donorLines[2],
                     ProtocolLines.done(1)),
            code: "non_contiguous", line: 2, helloFirst: true)
        // donor:2 is fine but donor:3 comes twice: the whole batch goes, donor:2 included.
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(replica: f.donor.id, knowledge: [f.donor.id: 3]), f.donorLines[1],
                     f.donorLines[2], try ProtocolLines.rewriting(f.donorLines[2], counter: 5, context: [f.donor.id: 4]),
                     ProtocolLines.done(3)),
            code: "non_contiguous", line: 4, helloFirst: true)
    }

    @Test func causalityViolation() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        // relay:1 was made after donor:3, which the server lacks.
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(replica: f.relay.id), f.relayLine, ProtocolLines.done(1)),
            code: "causality_violation", line: 2, helloFirst: true)
    }

    @Test func equivocation() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        // Another change under donor:1, which the server already holds.
        let forgedTitle = try f.forgedFirstTitle()
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(replica: f.donor.id), forgedTitle, ProtocolLines.done(1)), code: "equivocation",
            line: 2, helloFirst: true)
        // The same change in another byte form (a \u escape) is only a duplicate.
        let escaped = try ProtocolLines.replacing(f.donorLines[0], "\"title\":\"H", with: "\"title\":\"\\u0048")
        let result = try f.server.run(
            ["serve", "--stdio"], stdin: lines(ProtocolLines.hello(replica: f.donor.id), escaped, ProtocolLines.done(1)))
        #expect(result.status == 0, "\(result)")
        #expect(result.protocolTypes.first == "hello" && result.protocolTypes.last == "done", "\(result)")
    }

    @Test func forgedOrigin() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        // A change claiming the server's own id, one past the last it made.
        let serverID = try f.server.status().replica.id
        let forged = try ProtocolLines.rewriting(
            f.donorLines[0], replica: serverID, counter: 2, context: [serverID: 1], entity: "0000000000000009")
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(), forged, ProtocolLines.done(1)), code: "forged_origin", line: 2,
            helloFirst: true)
    }

    @Test func doneCountMismatch() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(), ProtocolLines.done(1)), code: "count_mismatch", line: 2, helloFirst: true)
        // `done` disagrees with the changes before it: the session is refused, so the
        // changes that came with it must not be kept either.
        try expectServerRefuses(
            f, lines(ProtocolLines.hello(replica: f.donor.id, knowledge: [f.donor.id: 3]), f.donorLines[1],
                     ProtocolLines.done(2)),
            code: "count_mismatch", line: 3, helloFirst: true)
    }

    /// A peer's name comes from its `hello` and is shown wherever its changes are (`log`,
    /// `status`, the sync summary), so it must never reach the terminal raw: a name with
    /// control characters makes the hello `malformed_line` (Protocol/README.md §8), and
    /// should one be accepted, no escape sequence may be printed and one line stays one.
    @Test(arguments: ["evil\\u001b[31mred", "two\\nlines"])
    func aPeersNameNeverReachesTheTerminalRaw(name: String) throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        let stranger = "eeeeeeeeeeeeeeee"
        let change = try ProtocolLines.rewriting(
            f.donorLines[0], replica: stranger, counter: 1, context: [:], entity: "00000000000000e1")
        let received = try f.server.run(
            ["serve", "--stdio"],
            stdin: lines(ProtocolLines.hello(replica: stranger, name: name, knowledge: [stranger: 1]), change,
                         ProtocolLines.done(1)))
        if received.status == 0 {
            let changes = try f.server.status().changes
            let log = try f.server.ok("log", "--limit", "1000")
            #expect(!log.stdout.contains("\u{1B}"), "\(log)")
            #expect(log.lines.count == changes, "one line per change: \(log)")
            let status = try f.server.ok("status")
            #expect(!status.stdout.contains("\u{1B}") && status.lines.count == 7, "\(status)")
            let history = try f.server.ok("history", "00000000000000e1")
            #expect(!history.stdout.contains("\u{1B}") && history.lines.count == 1, "\(history)")
        } else {
            #expect(received.protocolError?.code == "malformed_line" && received.protocolError?.line == 1, "\(received)")
        }

        // The initiator prints the responder's name in its summary.
        let script = f.lab.path("named.jsonl")
        try lines(ProtocolLines.hello(replica: stranger, name: name), ProtocolLines.done(0))
            .write(to: URL(fileURLWithPath: script))
        let client = try f.lab.replica("client")
        let summary = try client.run("sync", "exec:cat \(shellQuote(script)) && cat >/dev/null")
        if summary.status == 0 {
            #expect(!summary.stdout.contains("\u{1B}") && summary.lines.count == 1, "\(summary)")
        } else {
            #expect(summary.status == Exit.syncFailed && summary.stderr.contains("malformed_line"), "\(summary)")
        }
    }

    @Test func malformedChanges() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        let hello = ProtocolLines.hello(replica: f.donor.id, knowledge: [f.donor.id: 3])
        let unknownMember = try ProtocolLines.replacing(
            f.donorLines[1], "{\"change\":{\"context\"", with: "{\"change\":{\"extra\":1,\"context\"")
        try expectServerRefuses(
            f, lines(hello, unknownMember, ProtocolLines.done(1)), code: "malformed_line", line: 2, helloFirst: true)
        // donor:3 sets the title "Hà Nội: mưa lớn"; the same title decomposed (NFD).
        let notNFC = try ProtocolLines.replacing(
            f.donorLines[2], "Hà Nội: mưa lớn", with: "Ha\u{0300} Nô\u{0323}i: mưa lớn".decomposedStringWithCanonicalMapping)
        try expectServerRefuses(
            f, lines(hello, f.donorLines[1], notNFC, ProtocolLines.done(2)), code: "malformed_change", line: 3,
            helloFirst: true)
    }

    /// The initiator checks what the responder sends just as strictly: `sync exec:` with a
    /// responder that replays a bad script exits 75 and changes nothing.
    @Test func theSyncingSideRefusesBadResponses() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        let client = try f.lab.replica("client")
        try client.newID("add", "Client's own", "--body", "text")
        let forgedTitle = try f.forgedFirstTitle()
        try client.sync(f.donor.path)  // the client holds donor:1-3
        let hello = ProtocolLines.hello(replica: f.server.id, knowledge: [:])
        let skipping = try ProtocolLines.rewriting(f.donorLines[2], counter: 5, context: [f.donor.id: 4])
        let forged = try ProtocolLines.rewriting(f.donorLines[0], replica: client.id, counter: 2, context: [client.id: 1])
        let cases: [(String, [String], Int)] = [
            ("malformed_line", [hello, "{\"change\":"], 2),
            ("unsupported_version", [ProtocolLines.hello(replica: f.server.id, version: 7)], 1),
            ("unexpected_message", [ProtocolLines.done(0)], 1),
            ("equivocation", [hello, forgedTitle, ProtocolLines.done(1)], 2),
            ("non_contiguous", [hello, skipping, ProtocolLines.done(1)], 2),
            ("count_mismatch", [hello, ProtocolLines.done(3)], 2),
            ("forged_origin", [hello, forged, ProtocolLines.done(1)], 2),
        ]
        for (index, (code, script, line)) in cases.enumerated() {
            let file = f.lab.path("script-\(index).jsonl")
            try ProtocolLines.input(script).write(to: URL(fileURLWithPath: file))
            let result = try expectRefused(
                client, ["sync", "exec:cat \(shellQuote(file)) && cat >/dev/null"], status: Exit.syncFailed,
                mentioning: "sync refused the peer's input: \(code): ")
            #expect(result.stderr.contains("(line \(line))"), "\(code): \(result)")
        }
        // Causality: the responder sends relay:1 without donor:1-3, to a client that lacks them.
        let empty = try f.lab.replica("empty")
        let file = f.lab.path("causality.jsonl")
        try ProtocolLines.input([hello, f.relayLine, ProtocolLines.done(1)]).write(to: URL(fileURLWithPath: file))
        try expectRefused(
            empty, ["sync", "exec:cat \(shellQuote(file)) && cat >/dev/null"], status: Exit.syncFailed,
            mentioning: "causality_violation")
    }

    /// A bundle goes through the same checks.
    @Test func badBundlesAreRefused() throws {
        let f = try Fixture()
        defer { f.lab.remove() }
        let bundle = f.lab.path("donor.bundle")
        try f.donor.createBundle(bundle)
        let text = try String(contentsOfFile: bundle, encoding: .utf8)
        // Cut anywhere up to its `done`: refused, nothing applied. (The digest line after
        // `done` is read once the changes are stored, as in a session.)
        let digestLine = try #require(RunResult.lines(of: text).last { !$0.isEmpty })
        let done = text.utf8.count - digestLine.utf8.count - 1
        for cut in [10, text.utf8.count / 2, done - 3] {
            let partial = f.lab.path("cut-\(cut).bundle")
            try Data(Array(text.utf8).prefix(cut)).write(to: URL(fileURLWithPath: partial))
            try expectRefused(f.server, ["bundle", "apply", partial], status: Exit.syncFailed, mentioning: "marginalia: ")
        }
        // A forged title under donor:1.
        var lines = RunResult.lines(of: text)
        lines[1] = try f.forgedFirstTitle()
        let forged = f.lab.path("forged.bundle")
        try ProtocolLines.input(lines).write(to: URL(fileURLWithPath: forged))
        try expectRefused(f.server, ["bundle", "apply", forged], status: Exit.syncFailed, mentioning: "equivocation")
        // The real one applies.
        let applied = try f.server.apply(bundle)
        #expect((applied.received, applied.duplicates) == (2, 1))
    }

    // MARK: TCP clients

    @Test func wrongTokenIsUnauthorizedAndOthersAreStillServed() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        try office.newID("add", "Office", "--body", "text")
        let laptop = try lab.replica("laptop")
        try laptop.newID("add", "Laptop", "--body", "text")
        let link = try Link(to: office, via: .tcp)
        let wrong = try lab.tokenFile("wrong", secret: "not-the-shared-secret-at-all")
        let before = try office.snapshot()
        let result = try expectRefused(
            laptop, ["sync", link.target, "--token-file", wrong], status: Exit.syncFailed, mentioning: "unauthorized")
        #expect(result.stderr.hasPrefix("marginalia: the peer ended the sync: unauthorized: "), "\(result)")
        #expect(try office.snapshot() == before)
        // The right token still works.
        let summary = try laptop.sync(link)
        #expect((summary.sent, summary.received) == (1, 1))
        let server = try #require(try link.stop())
        #expect(server.errorLines.contains { $0.hasSuffix("sync refused the peer's input: unauthorized: wrong token proof (another token, or someone relaying the connection) (line 1)") },
                "\(server)")
        try expectConverged([laptop, office])
    }

    /// A raw client that sends a hello without `auth`: `unauthorized`, line 1, then the
    /// connection is closed.
    @Test func helloWithoutAuthIsUnauthorized() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let link = try Link(to: office, via: .tcp)
        let server = try #require(link.server)
        let before = try office.snapshot()
        let hellos = [
            ProtocolLines.hello(),
            // A proof of the wrong length, and a missing client nonce.
            try ProtocolLines.replacing(ProtocolLines.hello(), "{\"knowledge\"", with: "{\"auth\":{\"nonce\":\"AAAA\",\"proof\":\"AAAA\"},\"knowledge\""),
            try ProtocolLines.replacing(ProtocolLines.hello(), "{\"knowledge\"", with: "{\"auth\":{\"proof\":\"AAAA\"},\"knowledge\""),
        ]
        for hello in hellos {
            let connection = try server.rawClient()
            let challenge = try #require(try connection.readLine())
            #expect(challenge.hasPrefix("{\"nonce\":\"") && challenge.hasSuffix("\",\"type\":\"challenge\"}"), "\(challenge)")
            try connection.send(line: hello)
            let reply = try #require(try connection.readLine())
            let error = try JSONDecoder().decode(ProtocolErrorDoc.self, from: Data(reply.utf8))
            #expect(error.type == "error" && error.code == "unauthorized" && error.line == 1, "\(reply)")
            #expect(try connection.readLine() == nil)
        }
        #expect(try office.snapshot() == before)
        try link.stop()
    }

    /// A client that connects and says nothing gets `timeout` after --handshake-timeout.
    @Test func silentClientTimesOut() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let laptop = try lab.replica("laptop")
        try laptop.newID("add", "Laptop", "--body", "text")
        let link = try Link(to: office, via: .tcp, serverOptions: ["--handshake-timeout", "1"])
        let server = try #require(link.server)
        let silent = try server.rawClient()
        #expect(try silent.readLine()?.hasSuffix("\"type\":\"challenge\"}") == true)
        // Others are served meanwhile.
        #expect(try laptop.sync(link).sent == 1)
        let line = try #require(try silent.readLine())
        let error = try JSONDecoder().decode(ProtocolErrorDoc.self, from: Data(line.utf8))
        #expect(error.type == "error" && error.code == "timeout", "\(line)")
        #expect(try silent.readLine() == nil)
        // And after.
        try laptop.newID("add", "Laptop again", "--body", "text")
        #expect(try laptop.sync(link).sent == 1)
        try link.stop()
        try expectConverged([laptop, office])
    }

    /// While a client sits silent inside its handshake time, other clients sync.
    @Test func aSilentClientDoesNotBlockOthers() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let clients = try (1...3).map { try lab.replica("client\($0)") }
        let link = try Link(to: office, via: .tcp, serverOptions: ["--handshake-timeout", "300"])
        let server = try #require(link.server)
        let silent = try server.rawClient()
        #expect(try silent.readLine()?.hasSuffix("\"type\":\"challenge\"}") == true)
        let half = try server.rawClient()
        _ = try half.readLine()
        try half.send(line: "{\"knowledge\":{},\"name")  // half a hello, never finished
        for client in clients {
            try client.newID("add", "From \(client.name)", "--body", "text")
            #expect(try client.sync(link).sent == 1)
        }
        #expect(!silent.isClosedByPeer() && !half.isClosedByPeer())
        #expect(try office.status().articles == 3)
        // Hanging up ends their sessions; the server then stops cleanly.
        silent.close()
        half.close()
        try link.stop()
        try office.expectVerified()
    }

    /// SIGTERM stops the server even while clients sit silent inside generous timeouts:
    /// after a grace period their connections are closed, and the replica stays valid.
    @Test func shutdownDoesNotWaitForSilentClients() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let link = try Link(
            to: office, via: .tcp, serverOptions: ["--handshake-timeout", "600", "--idle-timeout", "600"])
        let server = try #require(link.server)
        let silent = try server.rawClient()
        #expect(try silent.readLine()?.hasSuffix("\"type\":\"challenge\"}") == true)
        try link.stop()
        #expect(try silent.readLine() == nil, "the server closes the connection when it stops")
        try office.expectVerified()
    }

    @Test func tokenFilesReadableByOthersAreRefused() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let laptop = try lab.replica("laptop")
        for mode in [0o644, 0o640, 0o604] {
            let token = try lab.tokenFile("token-\(String(mode, radix: 8))", mode: mode)
            try expectRefused(
                office, ["serve", "--listen", "127.0.0.1:0", "--token-file", token], status: Exit.usage,
                mentioning: "readable by others")
            try expectRefused(
                laptop, ["sync", "tcp://127.0.0.1:9", "--token-file", token], status: Exit.usage,
                mentioning: "readable by others")
        }
        // Plaintext needs the token, and stays on loopback.
        try expectRefused(office, ["serve", "--listen", "127.0.0.1:0", "--insecure"], status: Exit.usage, mentioning: "--token-file")
        let token = try lab.tokenFile()
        try expectRefused(
            office, ["serve", "--listen", "0.0.0.0:0", "--insecure", "--token-file", token], status: Exit.usage,
            mentioning: "--insecure is for loopback only")
        try expectRefused(
            laptop, ["sync", "tcp://example.org:7070", "--insecure", "--token-file", token], status: Exit.usage,
            mentioning: "--insecure is for loopback only")
    }
}
