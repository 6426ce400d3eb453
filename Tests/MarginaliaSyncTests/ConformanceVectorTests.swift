import Foundation
import GRDB
import MarginaliaCore
@_spi(Testing) import MarginaliaStore
import MarginaliaSync
import MarginaliaTestSupport
import Testing

/// Replays the conformance vectors of Protocol/vectors/ (format in
/// Protocol/vectors/README.md) against a real responder: a replica with the vector's
/// id and changes answers the vector's input lines, and what it sends, what it
/// refuses and what it holds afterwards must be exactly what the vector says.
@Suite struct ConformanceVectorTests {
    @Test(arguments: ConformanceVector.files())
    func responderMatchesVector(_ file: String) async throws {
        let vector = try ConformanceVector(file: file)
        let directory = try TemporaryDirectory()
        let replica = try ConformanceVector.responder(vector.responderName, in: directory, id: vector.responderID)
        if !vector.responderChanges.isEmpty {
            try replica.integrate(vector.responderChanges)
        }
        let digestBefore = try StateDigest.of(replica)
        let knowledgeBefore = try replica.knowledge()
        let logBefore = try Self.log(of: replica)
        let transport = ScriptedTransport(lines: vector.input)
        var failure: SyncFailure?
        do {
            _ = try await SyncSession(store: replica, transport: transport).run(as: .responder)
        } catch let error as SyncFailure {
            failure = error
        }
        var sent = transport.sent
        switch vector.outcome {
        case .ok:
            #expect(failure == nil, "\(file): the session failed: \(String(describing: failure))")
        case .error(let code, let line):
            guard case .refused(let refusal) = failure else {
                Issue.record("\(file): expected a refusal \(code) at line \(line), got \(String(describing: failure))")
                return
            }
            #expect(refusal.code.rawValue == code && refusal.line == line, "\(file): refused with \(refusal)")
            // The last line sent is the error; its text may be reworded, so only its code and line are compared.
            let popped = sent.popLast()
            let last = try #require(popped, "\(file): no error line was sent")
            guard case .error(let sentError) = try MessageCoding().decode(Array(last.utf8), lineNumber: 0) else {
                Issue.record("\(file): the last line sent is not an error: \(last)")
                return
            }
            #expect(sentError.code.rawValue == code && sentError.line == line, "\(file): sent \(last)")
        case .peerError(let code):
            guard case .peerReported(let reported) = failure else {
                Issue.record("\(file): expected the peer's error \(code), got \(String(describing: failure))")
                return
            }
            #expect(reported.code.rawValue == code)
        case .divergedAtPeer(let line):
            // Its half sent, the responder has nothing to answer with: it records the divergence.
            guard case .refused(let refusal) = failure, refusal.code == .diverged else {
                Issue.record("\(file): expected the divergence reported at line \(line), got \(String(describing: failure))")
                return
            }
            #expect(try replica.divergences().map(\.peer.rawValue) == ["bbbbbbbbbbbbbbbb"], "\(file): divergence not recorded")
        case .hungUp(let afterLine):
            guard case .peerHungUp(let line, _) = failure else {
                Issue.record("\(file): expected a hang-up after line \(afterLine), got \(String(describing: failure))")
                return
            }
            #expect(line == afterLine)
        }
        #expect(sent == vector.output, "\(file): lines sent differ")
        #expect(try replica.knowledge() == vector.knowledgeAfter, "\(file): knowledge after the session")
        if let remembered = vector.remembered {
            #expect(try replica.rememberedKnowledge(of: remembered.replica) == remembered.knowledge,
                    "\(file): remembered knowledge of \(remembered.replica)")
        }
        if let articles = vector.articles {
            let actual = try replica.articles().sorted { $0.id < $1.id }.map {
                ConformanceVector.Article(
                    id: $0.id.rawValue, title: $0.title, state: $0.existence.rawValue,
                    conflicts: $0.conflictedFields.map(\.rawValue), tags: $0.tags)
            }
            #expect(actual == articles, "\(file): articles after the session")
        }
        if vector.outcome != .ok {
            // Refused, reported or cut short: the unfinished batch was rolled back.
            #expect(try StateDigest.of(replica) == digestBefore, "\(file): state changed")
            #expect(try replica.knowledge() == knowledgeBefore, "\(file): knowledge changed")
            #expect(try Self.log(of: replica) == logBefore, "\(file): log changed")
        }
        #expect(try replica.verify().problems == [], "\(file): the replica does not verify")
    }

    /// The bound proofs of TLS pairing (Protocol/README.md section 10): the client and
    /// server proofs, and the mismatch a man in the middle cannot avoid.
    @Test func tlsPairingProofs() throws {
        let data = try Data(contentsOf: ConformanceVector.directory.appendingPathComponent("tcp/tls-pairing.json"))
        let example = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        func fingerprint(_ key: String) throws -> Fingerprint {
            let hex = try #require(example[key])
            let bytes = stride(from: 0, to: hex.count, by: 2).compactMap {
                UInt8(hex.dropFirst($0).prefix(2), radix: 16)
            }
            return try #require(Fingerprint(bytes: bytes))
        }
        let (client, server, middle) = (try fingerprint("client_fingerprint"), try fingerprint("server_fingerprint"),
                                        try fingerprint("middle_fingerprint"))
        let serverNonce = try #require(example["server_nonce"])
        let clientNonce = try #require(example["client_nonce"])
        let token = Authenticator(secret: Data(try #require(example["secret"]).utf8))
        let bound = token.bound(client: client, server: server)
        #expect(bound.clientProof(serverNonce: serverNonce, clientNonce: clientNonce) == example["client_proof"])
        #expect(bound.serverProof(serverNonce: serverNonce, clientNonce: clientNonce) == example["server_proof"])
        let relayed = token.bound(client: client, server: middle).clientProof(serverNonce: serverNonce, clientNonce: clientNonce)
        let expectedByServer = token.bound(client: middle, server: server)
            .clientProof(serverNonce: serverNonce, clientNonce: clientNonce)
        #expect(relayed == example["relayed_client_proof"])
        #expect(expectedByServer == example["client_proof_expected_by_server"])
        #expect(!bound.isValid(relayed, expected: expectedByServer))
    }

    /// The TCP handshake example of Protocol/README.md, byte for byte.
    @Test func tcpHandshakeExample() throws {
        let data = try Data(contentsOf: ConformanceVector.directory.appendingPathComponent("tcp/handshake.json"))
        let example = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let token = try #require(example["token_file_content"] as? String)
        let serverNonce = try #require(example["server_nonce"] as? String)
        let clientNonce = try #require(example["client_nonce"] as? String)
        let lines = try #require(example["lines"] as? [String])
        let secret = token.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret == example["secret"] as? String)
        let authenticator = Authenticator(secret: Data(secret.utf8))
        let clientProof = authenticator.clientProof(serverNonce: serverNonce, clientNonce: clientNonce)
        let serverProof = authenticator.serverProof(serverNonce: serverNonce, clientNonce: clientNonce)
        #expect(clientProof == example["client_proof"] as? String)
        #expect(serverProof == example["server_proof"] as? String)

        let coding = MessageCoding()
        let client = try #require((example["client_replica"] as? String).flatMap { ReplicaID($0) })
        let server = try #require((example["server_replica"] as? String).flatMap { ReplicaID($0) })
        // A version 1 session (a version 2 one adds the two digests after the dones).
        let expected: [SyncMessage] = [
            .challenge(Challenge(nonce: serverNonce)),
            .hello(Hello(replica: client, name: "laptop", knowledge: VersionVector(),
                         auth: HelloAuthentication(nonce: clientNonce, proof: clientProof), version: 1)),
            .hello(Hello(replica: server, name: "office", knowledge: VersionVector(),
                         auth: HelloAuthentication(nonce: nil, proof: serverProof), version: 1)),
            .done(Done(count: 0)),
            .done(Done(count: 0)),
        ]
        #expect(lines.count == expected.count)
        for (line, message) in zip(lines, expected) {
            #expect(String(decoding: try coding.encode(message), as: UTF8.self) == line)
            #expect(try coding.decode(Array(line.utf8), lineNumber: 1) == message)
        }
    }

    /// The stdio transcript of Protocol/README.md (section 18), replayed: the responder
    /// holds the changes it sends there as its own, and must answer the initiator's
    /// lines with exactly the responder's lines.
    @Test func readmeTranscript() async throws {
        let readme = try String(
            contentsOf: ConformanceVector.directory.deletingLastPathComponent().appendingPathComponent("README.md"),
            encoding: .utf8)
        let marker = try #require(readme.range(of: "<!-- transcript: stdio -->\n```jsonl\n"))
        let end = try #require(readme.range(of: "\n```", range: marker.upperBound..<readme.endIndex))
        let lines = readme[marker.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
        let input = lines.filter { $0.hasPrefix("→ ") }.map { String($0.dropFirst(2)) }
        let output = lines.filter { $0.hasPrefix("← ") }.map { String($0.dropFirst(2)) }
        #expect(input.count + output.count == lines.count)

        let coding = MessageCoding()
        let messages = try output.map { try coding.decode(Array($0.utf8), lineNumber: 0) }
        guard case .hello(let own) = messages.first, case .hello(let peer) = try coding.decode(
            Array(try #require(input.first).utf8), lineNumber: 0)
        else {
            Issue.record("the transcript does not start with two hellos")
            return
        }
        let owned = messages.compactMap { message -> Change? in
            if case .change(let change) = message { change } else { nil }
        }
        let directory = try TemporaryDirectory()
        let replica = try ConformanceVector.replica(own.name, in: directory, id: own.replica, holding: owned)
        #expect(try replica.knowledge() == own.knowledge)

        let transport = ScriptedTransport(lines: input)
        _ = try await SyncSession(store: replica, transport: transport).run(as: .responder)
        #expect(transport.sent == output)
        let union = own.knowledge.merged(with: peer.knowledge)
        #expect(try replica.knowledge() == union)
        // The responder credits the initiator with its hello and the changes it sent, never
        // with the answer, which it cannot know arrived.
        var sentByPeer = peer.knowledge
        for line in input.dropFirst() {
            if case .change(let change) = try coding.decode(Array(line.utf8), lineNumber: 0) { sentByPeer.record(change.dot) }
        }
        #expect(try replica.rememberedKnowledge(of: peer.replica) == sentByPeer)
        #expect(try replica.verify().problems == [])
    }

    /// Every line of the log, in log order: the exact payloads a sender would send.
    static func log(of replica: Replica) throws -> [String] {
        var payloads: [String] = []
        try replica.forEachChange(notCoveredBy: VersionVector()) { _, payload in payloads.append(payload) }
        return payloads
    }
}

extension ConformanceVector {
    /// An empty replica with a chosen id and name.
    static func responder(_ name: String, in directory: TemporaryDirectory, id: ReplicaID) throws -> Replica {
        try replica(name, in: directory, id: id, holding: [])
    }

    /// A replica with a chosen id and name that holds `changes` (in a causal order) as
    /// if it had received them, including changes it made itself: a replica refuses
    /// changes in its own name, so they are integrated under a random id, and `id` is
    /// written into the file afterwards (nothing else in the file holds the id).
    static func replica(_ name: String, in directory: TemporaryDirectory, id: ReplicaID, holding changes: [Change])
        throws -> Replica
    {
        let path = directory.file("\(name).db")
        do {
            let made = try Replica.open(at: path, creation: .required(name: name), clock: SteppingClock())
            if !changes.isEmpty { try made.integrate(changes) }
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "UPDATE replica SET id = ?", arguments: [id.rawValue]) }
        try queue.close()
        return try Replica.open(at: path, creation: .never, clock: SteppingClock())
    }
}
