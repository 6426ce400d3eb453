import Foundation
import MarginaliaCore
import MarginaliaTestSupport
import Testing

/// The bad-input catalogue (Protocol/bad-input.md) replayed against a hub process over
/// TLS, as `SyncBadInputTests` replays it against a replica's `serve --stdio`: every
/// vector a responder must refuse, or that ends cut short or on the peer's own error, and
/// the framing cases. Each gets the documented refusal (or none, where the catalogue says
/// none), and the hub's database is exactly as it was (`pg_dump`, before and after).
@Suite struct HubBadInputTests {
    /// One case: the initiator's input (the hub's id in place of the vector responder's)
    /// and what the hub must do with it.
    struct Case {
        var name: String
        var input: (_ hub: String) -> Data
        var outcome: ConformanceVector.Outcome
        /// The types of the lines the hub sends before its refusal (after its challenge).
        var before: [String]
        /// The changes the hub holds first (a vector's responder's).
        var holding: [Change]
    }

    @Test func everyCaseIsRefusedAndTheDatabaseIsUnchanged() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        // One database for each state the cases start from: empty, or holding a vector's changes.
        let states = Dictionary(grouping: try Self.cases()) { item in
            item.holding.map { (try? PreparedChange($0).payload.get()) ?? "" }.joined(separator: "\n")
        }
        for (number, key) in states.keys.sorted().enumerated() {
            let cases = states[key]!
            let database = "catalogue\(number)"
            try cluster.createDatabase(database)
            let url = cluster.url(database: database)
            let client = try lab.replica("laptop\(number)")
            let hub = try HubSyncTests.introduce([client], to: url)
            let server = try HubSyncTests.serve(url, by: client)
            try Self.push(cases[0].holding, to: server, as: client)
            var before = try cluster.dump(database: database)
            for item in cases {
                let (sent, logged) = try Self.replay(item, to: server, hub: hub.hub.id, as: client)
                switch item.outcome {
                case .error(let code, let line):
                    if item.name == "no final newline" {
                        // Ending its input, s_client closes the TLS connection both ways: the
                        // hub reads the cut line, or finds the connection gone first.
                        #expect(logged.hasSuffix("\(code): the connection ended inside a line (no final newline) (line \(line))")
                                    || logged.hasSuffix("connection lost: I/O on closed channel"), "\(item.name): \(logged)")
                    } else {
                        BadInputCatalogue.expectRefusal(sent, code: code, line: line, before: item.before, item.name)
                        #expect(logged.contains("\(code): ") && logged.hasSuffix("(line \(line))"), "\(item.name): \(logged)")
                    }
                case .hungUp(let afterLine):
                    #expect(ProtocolLines.types(of: sent) == item.before, "\(item.name): \(sent)")
                    #expect(logged.contains("the peer hung up after \(afterLine) lines"), "\(item.name): \(logged)")
                case .peerError(let code):
                    #expect(ProtocolLines.types(of: sent) == item.before, "\(item.name): \(sent)")
                    #expect(logged.contains("the peer ended the sync: \(code): "), "\(item.name): \(logged)")
                case .ok, .divergedAtPeer:
                    Issue.record("\(item.name) is not a refusal")
                }
                if case .error("diverged", _) = item.outcome {
                    // The one thing a refusal records, as a replica does (Protocol/README.md
                    // §19): that the peer's log differs. Forgotten again, to compare the rest.
                    #expect(try cluster.psql("DELETE FROM divergences RETURNING replica", database: database)
                                == "bbbbbbbbbbbbbbbb", "\(item.name)")
                }
                let after = try cluster.dump(database: database)
                #expect(after == before, "\(item.name) changed the hub's database")
                before = after
            }
            try server.stop()
            #expect(try cluster.hubLogProblems(database: database) == "")
        }
    }

    /// The vectors that end without the session completing (a refusal, a hang-up, the
    /// peer's error; not a divergence, which the hub records), then the framing cases.
    static func cases() throws -> [Case] {
        var cases: [Case] = []
        for file in ConformanceVector.files() {
            let vector = try ConformanceVector(file: file)
            switch vector.outcome {
            case .ok, .divergedAtPeer: continue
            case .error, .hungUp, .peerError: break
            }
            let responder = vector.responderID.rawValue
            cases.append(Case(
                name: file,
                input: { hub in ProtocolLines.input(vector.input.map { $0.replacingOccurrences(of: responder, with: hub) }) },
                outcome: vector.outcome, before: ProtocolLines.types(of: vector.output), holding: vector.responderChanges))
        }
        for framing in BadInputCatalogue.framing() {
            cases.append(Case(
                name: framing.name, input: { _ in framing.input }, outcome: .error(code: framing.code, line: framing.line),
                before: ["hello"], holding: []))
        }
        return cases
    }

    /// Gives the hub `changes` (of a third replica) in a session of its own.
    static func push(_ changes: [Change], to server: ServerProcess, as client: ReplicaNode) throws {
        guard !changes.isEmpty else { return }
        var knowledge: [String: Int] = [:]
        for change in changes { knowledge[change.dot.replica.rawValue, default: 0] += 1 }
        let lines = try changes.map { "{\"change\":\(try PreparedChange($0).payload.get()),\"type\":\"change\"}" }
        let connection = try RawConnection.tls(port: server.port, as: client)
        try connection.send(bytes: Array(ProtocolLines.input(
            [ProtocolLines.hello(replica: "dddddddddddddddd", knowledge: knowledge)] + lines + [ProtocolLines.done(changes.count)])))
        // Challenge, hello, then the hub's (empty) half once it has stored the batch.
        while let line = try connection.readLine(), line != ProtocolLines.done(0) {}
        connection.close()
    }

    /// Replays a case as `client`: sends its input after the challenge (the hub may stop
    /// reading at the refused line), ends the input where the case ends it, and returns
    /// what the hub sent after its challenge and the line its log ends the session with.
    static func replay(_ item: Case, to server: ServerProcess, hub: String, as client: ReplicaNode) throws
        -> (sent: [String], logged: String)
    {
        let logged = server.errorLines().count
        let connection = try RawConnection.tls(port: server.port, as: client)
        #expect(try connection.readLine()?.hasSuffix("\"type\":\"challenge\"}") == true, "\(item.name)")
        try? connection.send(bytes: Array(item.input(hub)))
        var sent: [String] = []
        switch item.outcome {
        case .hungUp:
            // The hub's hello, then the end of the input in the middle of a batch.
            while sent.count < item.before.count, let line = try connection.readLine() { sent.append(line) }
            connection.finishSending()
        case .error where item.name == "no final newline":
            connection.finishSending()
        default:
            break
        }
        while let line = try connection.readLine() { sent.append(line) }
        connection.close()
        var ended: String?
        try waitUntil("the hub to log the end of \(item.name)") {
            ended = server.errorLines().dropFirst(logged).last
            return ended != nil
        }
        return (sent, ended ?? "")
    }
}
