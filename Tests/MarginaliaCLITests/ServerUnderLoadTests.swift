import Foundation
import MarginaliaCore
import MarginaliaSync
import Testing

/// `serve --listen` with many clients syncing at once over TLS (real `marginalia sync
/// tcp://` processes, each its own replica with its own edits, pairing by the token),
/// while one TLS client sits silent and another trickles a byte a second: the two are timed out, the others never wait for
/// them, everyone ends converged with the server, and the server's memory stays bounded.
///
/// `MARGINALIA_LOAD_CLIENTS=N` changes the number of clients (default 50).
@Suite("a server under load")
struct ServerUnderLoadTests {
    static let clientCount = ProcessInfo.processInfo.environment["MARGINALIA_LOAD_CLIENTS"].flatMap { Int($0) } ?? 50
    /// A generous bound on the server's peak resident memory: far above what it needs
    /// (the figure is printed), far below what a server buffering without limit would take.
    static let memoryBound = 200 * 1024 * 1024

    @Test func manyClientsAtOnceWhileSlowOnesAreTimedOut() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        try office.newID("add", "The office's", "--body", "shared with every client")
        let token = try lab.tokenFile()
        let server = try ServerProcess(office, tokenFile: token, extra: ["--handshake-timeout", "5"])
        let clients = try lab.replicas((0..<Self.clientCount).map { "client\($0)" })
        try finishAll(clients.map { try $0.start(["add", "From \($0.name)", "--body", "text of \($0.name)", "--tag", "load"]) })

        let silent = try RawConnection.tls(port: server.port, as: clients[0])
        let trickle = try RawConnection.tls(port: server.port, as: clients[1])
        for connection in [silent, trickle] {
            #expect(try connection.readLine()?.hasSuffix("\"type\":\"challenge\"}") == true)
        }
        let started = Date()
        // Every client at once, twice: the first round brings the server everyone's
        // article, the second brings every client everyone else's.
        for round in 1...2 {
            var trickled = Array(ProtocolLines.hello().utf8)[...]
            var lastByte = Date.distantPast
            let syncs = try clients.map { try $0.start(["sync", server.target, "--token-file", token, "--json"]) }
            while syncs.contains(where: \.process.isRunning) {
                if !trickled.isEmpty, Date().timeIntervalSince(lastByte) >= 1, !trickle.hasSomethingToRead() {
                    try? trickle.send(bytes: [trickled.removeFirst()])
                    lastByte = Date()
                }
                usleep(20_000)
            }
            for result in try finishAll(syncs) {
                let summary = try JSONDecoder().decode(SyncSummaryDoc.self, from: Data(result.stdout.utf8))
                #expect(summary.peer == office.id, "round \(round): \(result)")
            }
        }
        let seconds = Date().timeIntervalSince(started)
        for connection in [silent, trickle] { try expectTimedOut(connection) }

        let peak = try server.peakMemory()
        print("served \(Self.clientCount) clients twice in \(String(format: "%.1f", seconds)) s; "
            + "server peak memory \(peak / 1024 / 1024) MiB")
        // Under a sanitizer (`make test-asan`, `make test-tsan`) memory is mostly shadow
        // memory and freed blocks held in quarantine: the bound is for real builds.
        if ProcessInfo.processInfo.environment["MARGINALIA_SANITIZED"] == nil {
            #expect(peak < Self.memoryBound, "the server peaked at \(peak) bytes")
        }
        try server.stop()

        #expect(try office.status().articles == 1 + Self.clientCount)
        try office.expectVerified()
        let digest = try office.digest()
        let digests = try finishAll(clients.map { try $0.start(["status", "--digest"]) }).map(\.stdout)
        #expect(digests.allSatisfy { $0 == digest + "\n" }, "every client ends with the server's digest")
    }

    /// The idle timeout after the handshake: a client that proves the token, exchanges
    /// `hello`s and then sends nothing, or trickles a change a byte at a time (bytes
    /// without a whole line are no progress), is cut off with `timeout`; meanwhile a
    /// real client syncs without waiting for either.
    @Test func clientsThatStallAfterAuthenticatingAreTimedOut() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        try office.newID("add", "The office's", "--body", "for the reader")
        let token = try lab.tokenFile()
        let secret = try String(contentsOfFile: token, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServerProcess(office, tokenFile: token, extra: ["--idle-timeout", "6"])
        let reader = try lab.replica("reader")
        let stallers = try lab.replicas(["silent", "trickle"])
        let silent = try authenticated(stallers[0], to: server, of: office, secret: secret)
        let trickle = try authenticated(stallers[1], to: server, of: office, secret: secret)

        try reader.ok(["sync", server.target, "--token-file", token])
        #expect(!silent.hasSomethingToRead() && !trickle.hasSomethingToRead(),
                "the stalled clients are still connected: the sync did not wait for their timeouts")
        #expect(try reader.digest() == office.digest())

        var trickled = Array("{\"type\":\"change\",\"counter\":1,\"replica\":\"".utf8)[...]
        while !trickle.hasSomethingToRead(), !trickled.isEmpty {
            try trickle.send(bytes: [trickled.removeFirst()])
            usleep(500_000)
        }
        #expect(!trickled.isEmpty, "the trickle outlasted its line without being cut off")
        for connection in [silent, trickle] { try expectTimedOut(connection) }
        try server.stop()
        try office.expectVerified()
    }

    /// The server's `timeout` error, then the end of the connection.
    private func expectTimedOut(_ connection: RawConnection, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let line = try #require(try connection.readLine(), sourceLocation: sourceLocation)
        let error = try JSONDecoder().decode(ProtocolErrorDoc.self, from: Data(line.utf8))
        #expect(error.code == "timeout", "\(line)", sourceLocation: sourceLocation)
        #expect(try connection.readLine() == nil, "the server hangs up after the timeout", sourceLocation: sourceLocation)
    }

    /// Does what a real client does up to the end of the handshake, over TLS as `node`:
    /// reads the `challenge`, sends a `hello` with a valid proof (bound to `node`'s and
    /// the server's fingerprints), reads the server's `hello`.
    private func authenticated(
        _ node: ReplicaNode, to server: ServerProcess, of office: ReplicaNode, secret: String
    ) throws -> RawConnection {
        let connection = try RawConnection.tls(port: server.port, as: node)
        let challenge = try #require(try connection.readLine())
        let serverNonce = try #require(
            (try JSONSerialization.jsonObject(with: Data(challenge.utf8)) as? [String: Any])?["nonce"] as? String)
        let clientNonce = Authenticator.makeNonce()
        let proof = Authenticator(secret: Data(secret.utf8))
            .bound(client: try Fingerprint(parsing: IdentityTests.fingerprint(of: node)),
                   server: try Fingerprint(parsing: IdentityTests.fingerprint(of: office)))
            .clientProof(serverNonce: serverNonce, clientNonce: clientNonce)
        try connection.send(line: try ProtocolLines.replacing(
            ProtocolLines.hello(), "{\"knowledge\"",
            with: "{\"auth\":{\"nonce\":\"\(clientNonce)\",\"proof\":\"\(proof)\"},\"knowledge\""))
        let hello = try #require(try connection.readLine())
        #expect(hello.contains("\"type\":\"hello\""), "\(hello)")
        return connection
    }
}
