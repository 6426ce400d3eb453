import Foundation
import MarginaliaCore
import MarginaliaTestSupport
import Testing

/// The real binary end to end: a hub on a throwaway PostgreSQL cluster, served by
/// `hub --listen` over TLS, and replicas syncing through it as through any peer.
@Suite struct HubSyncTests {
    /// `hub status --json`.
    struct HubStatusDoc: Decodable {
        struct Hub: Decodable { var id: String; var name: String }
        struct Identity: Decodable { var fingerprint: String }
        var hub: Hub
        var identity: Identity
        var changes: Int
        var replicas: Int
        var knowledge: [String: Int]
        var logDigest: String

        enum CodingKeys: String, CodingKey {
            case hub, identity, changes, replicas, knowledge
            case logDigest = "log_digest"
        }
    }

    /// Makes the hub on `url` (through `nodes[0]`'s binary) and has it and each of
    /// `nodes` trust the other; returns the hub's status. The hub's side goes through
    /// `hub trust add`, ten at a time (each is a connection of PostgreSQL's hundred); the
    /// replicas' side and their fingerprints are read and written in this process.
    @discardableResult
    static func introduce(_ nodes: [ReplicaNode], to url: String) throws -> HubStatusDoc {
        try nodes[0].ok("hub", "init", "--postgres", url)
        let hub = try nodes[0].json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        let hubFingerprint = try Fingerprint(parsing: hub.identity.fingerprint)
        for start in stride(from: 0, to: nodes.count, by: 10) {
            try finishAll(nodes[start..<min(start + 10, nodes.count)].map { node in
                try nodes[0].start(["hub", "trust", "add", try node.identityFingerprint(), "--name", node.name, "--postgres", url])
            })
        }
        for node in nodes { try node.withReplica { try $0.trust(hubFingerprint, name: "hub") } }
        return hub
    }

    /// A hub process on `url`, started by `node`, on a free port.
    static func serve(_ url: String, by node: ReplicaNode) throws -> ServerProcess {
        try ServerProcess(node, running: ["hub", "--postgres", url, "--listen", "127.0.0.1:0"], ready: "serving hub ")
    }

    @Test func twoReplicasConvergeThroughAHub() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let (laptop, phone) = (try lab.replica("laptop"), try lab.replica("phone"))
        let url = cluster.url()
        let created = try laptop.ok("hub", "init", "--postgres", url, "--name", "toà soạn")
        #expect(created.stdout.hasPrefix("created hub toà soạn (id "), "\(created)")
        let hub = try Self.introduce([laptop, phone], to: url)
        #expect(hub.hub.name == "toà soạn" && hub.changes == 0)
        let server = try Self.serve(url, by: laptop)
        let target = "tls://127.0.0.1:\(server.port)"

        let article = try laptop.newID("add", "Hà Nội ngập sâu", "--body", "Mực nước sông Hồng dâng cao; phố cổ chìm trong nước.")
        try phone.newID("add", "Huế mưa lớn", "--body", "Sông Hương lên nhanh trong đêm.")
        #expect(try laptop.sync(target).sent > 0)
        #expect(try phone.sync(target).received > 0)
        try phone.ok("annotate", article, "--quote", "phố cổ", "--note", "đo lúc 6h")
        try laptop.ok("edit", article, "--title", "Hà Nội ngập sâu sau mưa lớn")
        try phone.sync(target)
        try laptop.sync(target)
        try phone.sync(target)
        #expect(try laptop.digest() == phone.digest())

        let after = try laptop.json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        let held = try laptop.status()
        #expect(after.changes == held.changes)
        #expect(after.knowledge == held.knowledge)
        #expect(after.logDigest == held.logDigest)
        #expect(after.replicas == 2)
        try server.stop()
    }

    /// Three hub processes on one database, twenty replicas syncing at the same time
    /// through hubs chosen at random, with random edits between rounds (`RandomEdit`;
    /// `MARGINALIA_HUB_SEED=S` replays a seed): in the end every replica holds the same
    /// state, and the hub's log holds each change made anywhere exactly once.
    @Test(arguments: propertySeeds("MARGINALIA_HUB", default: 1))
    func replicasConvergeThroughThreeHubProcessesAtOnce(seed: UInt64) throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        var random = SplitMix64(seed: seed)
        let nodes = try lab.replicas((1...20).map { "may-\($0)" })
        let url = cluster.url()
        try Self.introduce(nodes, to: url)
        let servers = try (0..<3).map { try Self.serve(url, by: nodes[$0]) }
        for _ in 0..<3 {
            for node in nodes where random.chance(0.6) {
                try node.withReplica { replica in
                    for _ in 0..<random.int(1...3) { try RandomEdit.apply(to: replica, using: &random) }
                }
            }
            try Self.syncAtOnce(nodes, through: servers, using: &random)
        }
        // After the last edits, twice more: the first round brings the hub every change
        // (each sync sends all the hub lacks), the second hands them all out.
        for _ in 0..<2 { try Self.syncAtOnce(nodes, through: servers, using: &random) }
        let digests = try finishAll(try nodes.map { try $0.start(["status", "--digest"]) }).map(\.stdout)
        #expect(Set(digests).count == 1, "seed \(seed): digests differ: \(digests)")
        for result in try finishAll(try nodes.map { try $0.start(["verify", "--json"]) }) {
            #expect(result.stdout.contains("\"ok\":true"), "seed \(seed): \(result)")
        }

        // Each replica's changes, as many as it made (its own counter), are in the log once each.
        var made: [String] = []
        for node in nodes {
            let own = try node.withReplica { try $0.knowledge()[$0.id] }
            if own > 0 { made.append("\(node.id) \(own) \(own)") }
        }
        let stored = try cluster.psql("SELECT origin, count(*), max(counter) FROM changes GROUP BY origin ORDER BY origin")
        #expect(stored.replacingOccurrences(of: "|", with: " ").split(separator: "\n").map(String.init) == made.sorted(),
                "seed \(seed)")
        #expect(try cluster.hubLogProblems() == "", "seed \(seed)")
        let held = try nodes[0].status()
        let after = try nodes[0].json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        #expect(after.changes == held.changes && after.knowledge == held.knowledge && after.logDigest == held.logDigest)
        for server in servers { try server.stop() }
    }

    /// Every node syncs at once (`sync --json`), each through one of `servers` chosen at random.
    static func syncAtOnce(_ nodes: [ReplicaNode], through servers: [ServerProcess], using random: inout SplitMix64)
        throws
    {
        let syncs = try nodes.map { node in
            try node.start(["sync", "tls://127.0.0.1:\(servers[random.int(0...(servers.count - 1))].port)", "--json"])
        }
        try finishAll(syncs)
    }

    /// PostgreSQL restarts under a running hub: a sync meanwhile is told `unavailable`
    /// instead of the challenge (exit 75, one line) having stored nothing, and once the
    /// database is back the same hub process reconnects by itself (with a bounded
    /// backoff, saying so in its log) and the very next sync succeeds; the replicas
    /// converge and the hub holds each change once.
    @Test func aHubOutlivesADatabaseRestart() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let (laptop, phone) = (try lab.replica("laptop"), try lab.replica("phone"))
        let url = cluster.url()
        try Self.introduce([laptop, phone], to: url)
        let server = try Self.serve(url, by: laptop)
        let target = "tls://127.0.0.1:\(server.port)"
        try laptop.newID("add", "Hà Nội ngập sâu", "--body", "Mực nước sông Hồng dâng cao.")
        try laptop.sync(target)

        try cluster.stop()
        try phone.newID("add", "Huế mưa lớn", "--body", "Sông Hương lên nhanh.")
        let during = try phone.run("sync", target)
        #expect(during.status == 75 && during.errorLines == [HubFaultTests.unavailable], "\(during)")
        try cluster.start()
        try waitUntil("the hub to reconnect to PostgreSQL") {
            server.errorLines().contains { $0.hasPrefix("PostgreSQL is back") }
        }
        try phone.sync(target)
        #expect(server.errorLines().contains { $0.contains("to try again later: the trusted peers cannot be read") })
        try laptop.sync(target)
        try expectConverged([laptop, phone])
        let after = try laptop.json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        let held = try laptop.status()
        #expect(after.changes == 2 && after.knowledge == held.knowledge)
        try server.stop()
    }

    @Test func aHubRefusesAnUntrustedReplicaAndSaysHowToTrustIt() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let stranger = try lab.replica("stranger")
        let url = cluster.url()
        try stranger.ok("hub", "init", "--postgres", url)
        let hub = try stranger.json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        try stranger.ok("trust", "add", hub.identity.fingerprint)
        let server = try Self.serve(url, by: stranger)
        let refused = try stranger.run("sync", "tls://127.0.0.1:\(server.port)")
        let own = try IdentityTests.fingerprint(of: stranger)
        #expect(refused.status == 75, "\(refused)")
        #expect(refused.stderr.contains("marginalia trust add \(own)") || refused.stderr.contains(own), "\(refused)")
        try server.stop()
        #expect(try stranger.json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json").changes == 0)
    }

    @Test func hubCommandsSayWhatIsWrongInOneLine() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let node = try lab.replica("laptop")
        let missing = try node.run("hub", "status", "--postgres", cluster.url())
        #expect(missing.status == 74 && missing.errorLines.count == 1, "\(missing)")
        #expect(missing.stderr.contains("hub init"), "\(missing)")
        try cluster.stop()
        let down = try node.run("hub", "status", "--postgres", cluster.url())
        #expect(down.status == 75 && down.errorLines == ["marginalia: PostgreSQL is unavailable: connection refused"], "\(down)")
        let noURL = try node.run(["hub", "status"], env: ["MARGINALIA_HUB_POSTGRES": nil])
        #expect(noURL.status == 64, "\(noURL)")
    }
}
