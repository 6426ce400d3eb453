import Foundation
import Testing

/// `serve --listen` and `sync tls://` over TLS 1.3 with pinned or trusted fingerprints,
/// token pairing, and what someone on the path can and cannot do: real processes, real
/// sockets, relays in between.
@Suite struct TLSSyncTests {
    static let title = "Hà Nội ngập sâu sau mưa lớn"
    static let body = "Mực nước sông Hồng dâng cao; nhiều tuyến phố ở quận Hoàn Kiếm chìm trong nước."

    func fingerprint(_ node: ReplicaNode) throws -> String { try IdentityTests.fingerprint(of: node) }

    /// A hub holding one article, serving without a token, trusting `laptop`; `laptop`
    /// pins the hub as peer `hub`.
    static func pinnedPair(_ lab: SyncLab) throws -> (hub: ReplicaNode, laptop: ReplicaNode, server: ServerProcess) {
        let hub = try lab.replica("hub")
        let laptop = try lab.replica("laptop")
        try hub.newID("add", Self.title, "--body", Self.body)
        try hub.ok("trust", "add", try IdentityTests.fingerprint(of: laptop), "--name", "laptop")
        let server = try ServerProcess(hub, tokenFile: nil)
        try laptop.ok(
            "peer", "add", "hub", "tls://127.0.0.1:\(server.port)", "--fingerprint", try IdentityTests.fingerprint(of: hub))
        return (hub, laptop, server)
    }

    @Test func aPinnedServerAndATrustedClientSyncWithoutAToken() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (hub, laptop, server) = try Self.pinnedPair(lab)
        #expect(try laptop.sync("hub").received == 1)
        try server.stop()
        #expect(try laptop.digest() == hub.digest())
    }

    @Test func theWireNeverCarriesAnArticlesTitleOrBody() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (hub, laptop, server) = try Self.pinnedPair(lab)
        let relay = try ByteRelay(toPort: server.port)
        #expect(try laptop.sync(relay.target, extra: ["--fingerprint", try fingerprint(hub)]).received == 1)
        let wire = relay.recorded()
        #expect(wire.count > 1000, "the relay saw the session")
        for secret in [Self.title, Self.body, "Hoàn Kiếm", "Hồng"] {
            #expect(!wire.contains(subsequence: Array(secret.utf8)), "'\(secret)' crossed the wire in the clear")
        }
        try server.stop()
    }

    @Test func aWrongServerFingerprintIsRefusedBeforeAnyLine() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (hub, laptop, server) = try Self.pinnedPair(lab)
        let other = try lab.replica("other")
        let expected = try fingerprint(other)
        let result = try laptop.run(
            "sync", "tls://127.0.0.1:\(server.port)", "--fingerprint", expected)
        #expect(result.status == Exit.syncFailed, "\(result)")
        #expect(result.stderr.contains("presented fingerprint \(try fingerprint(hub)), but \(expected) is pinned"), "\(result)")
        #expect(try laptop.dots().isEmpty)
        try server.stop()
    }

    @Test func anUntrustedServerWithoutATokenIsRefusedWithTheCommandThatTrustsIt() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (hub, laptop, server) = try Self.pinnedPair(lab)
        let result = try laptop.run("sync", "tls://127.0.0.1:\(server.port)")
        #expect(result.status == Exit.syncFailed, "\(result)")
        let seen = try fingerprint(hub)
        #expect(result.stderr.contains("presented fingerprint \(seen), which this replica does not trust"), "\(result)")
        #expect(result.stderr.contains("marginalia trust add \(seen)"), "\(result)")
        // Trusting it is enough.
        try laptop.ok("trust", "add", seen)
        #expect(try laptop.sync("tls://127.0.0.1:\(server.port)").received == 1)
        try server.stop()
    }

    @Test func anUnknownClientIsRefusedByTheServer() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (hub, _, server) = try Self.pinnedPair(lab)
        let stranger = try lab.replica("stranger")
        let result = try stranger.run("sync", "tls://127.0.0.1:\(server.port)", "--fingerprint", try fingerprint(hub))
        #expect(result.status == Exit.syncFailed, "\(result)")
        let own = try fingerprint(stranger)
        #expect(result.stderr.contains("refused this replica's certificate (fingerprint \(own))"), "\(result)")
        #expect(result.stderr.contains("marginalia trust add \(own)"), "\(result)")
        try waitUntil("the server to log the refusal") {
            server.errorLines().contains { $0.hasSuffix("refused fingerprint \(own): not trusted (to accept it: marginalia trust add \(own))") }
        }
        #expect(try stranger.dots().isEmpty)
        try server.stop()
    }

    @Test func theTokenPairsReplicasThatNeverMetAndLaterSyncsNeedNoToken() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let hub = try lab.replica("hub")
        let laptop = try lab.replica("laptop")
        try hub.newID("add", Self.title, "--body", Self.body)
        let token = try lab.tokenFile()
        let server = try ServerProcess(hub, tokenFile: token)
        #expect(try laptop.sync(server.target, extra: ["--token-file", token]).received == 1)
        #expect(try laptop.ok("trust", "ls").stdout.contains(try fingerprint(hub)))
        #expect(try hub.ok("trust", "ls").stdout.contains(try fingerprint(laptop)))
        try laptop.newID("add", "Ghi chú từ máy xách tay", "--body", "Một dòng.")
        #expect(try laptop.sync(server.target).sent == 1)
        try server.stop()
        #expect(try laptop.digest() == hub.digest())
    }

    @Test func aWrongTokenPairsNothing() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let hub = try lab.replica("hub")
        let laptop = try lab.replica("laptop")
        let server = try ServerProcess(hub, tokenFile: try lab.tokenFile())
        let wrong = try lab.tokenFile("wrong", secret: "not-the-shared-secret-at-all")
        let result = try laptop.run("sync", server.target, "--token-file", wrong)
        #expect(result.status == Exit.syncFailed, "\(result)")
        #expect(result.stderr.contains("unauthorized: wrong token proof"), "\(result)")
        try server.stop()
        #expect(try laptop.ok("trust", "ls").stdout.isEmpty)
        #expect(try hub.ok("trust", "ls").stdout.isEmpty)
    }

    /// A relay that flips one bit of one byte in the middle of the server's stream: TLS
    /// ends the session at that record, so every batch committed before it stays, and
    /// nothing after it (altered or not) is stored.
    @Test func aByteFlippedInTransitFailsTheSessionAndStoresNothingAltered() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let hub = try SyncFaultTests.largeReplica(in: lab)
        let laptop = try lab.replica("laptop")
        let token = try lab.tokenFile()
        let server = try ServerProcess(hub, tokenFile: token)
        // Measures the whole stream once (through an honest relay, a replica that does
        // not keep what it gets), then flips a byte in the middle of it.
        let scout = try lab.replica("scout")
        let honest = try ByteRelay(toPort: server.port)
        try scout.sync(honest.target, extra: ["--token-file", token])
        let streamLength = honest.recorded().count
        let relay = try ByteRelay(toPort: server.port, flipAt: streamLength / 3)
        let result = try laptop.run("sync", relay.target, "--token-file", token)
        #expect(result.status == Exit.syncFailed, "\(result)")
        #expect(result.stderr.contains("altered in transit"), "\(result)")
        try laptop.expectVerified("after the altered stream")
        let kept = try laptop.dots()
        #expect(kept.isSubset(of: try hub.dots()))
        // What was kept is what the hub sent: a clean sync brings the rest, and the two
        // then hold the same log, byte for byte in their digests.
        try laptop.sync(server.target)
        try server.stop()
        #expect(try laptop.digest() == hub.digest())
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in these bytes.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}

/// A man in the middle that ends TLS on both sides with a certificate of its own.
@Suite struct TLSInterceptionTests {
    func fingerprint(_ node: ReplicaNode) throws -> String { try IdentityTests.fingerprint(of: node) }

    @Test func aPinnedClientRefusesTheManInTheMiddle() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (hub, laptop, server) = try TLSSyncTests.pinnedPair(lab)
        let impostor = try lab.replica("impostor")
        let middle = try TLSInterceptor(impostor: impostor, serverPort: server.port, in: lab)
        let result = try laptop.run("sync", middle.target, "--fingerprint", try fingerprint(hub))
        #expect(result.status == Exit.syncFailed, "\(result)")
        #expect(result.stderr.contains(
            "presented fingerprint \(try fingerprint(impostor)), but \(try fingerprint(hub)) is pinned"), "\(result)")
        #expect(try laptop.dots().isEmpty)
        try server.stop()
    }

    /// The token proofs bind the fingerprints each side saw: the client binds the
    /// impostor's as the server's, the server the impostor's as the client's.
    @Test func pairingThroughTheManInTheMiddleFailsOnTheProofs() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let hub = try lab.replica("hub")
        let laptop = try lab.replica("laptop")
        try hub.newID("add", TLSSyncTests.title, "--body", TLSSyncTests.body)
        let token = try lab.tokenFile()
        let server = try ServerProcess(hub, tokenFile: token)
        let middle = try TLSInterceptor(impostor: try lab.replica("impostor"), serverPort: server.port, in: lab)
        let result = try laptop.run("sync", middle.target, "--token-file", token)
        #expect(result.status == Exit.syncFailed, "\(result)")
        #expect(result.stderr.contains("unauthorized: wrong token proof"), "\(result)")
        #expect(try laptop.dots().isEmpty)
        try server.stop()
        #expect(try laptop.ok("trust", "ls").stdout.isEmpty, "the laptop trusts no one")
        #expect(try hub.ok("trust", "ls").stdout.isEmpty, "the hub trusts no one")
    }
}
