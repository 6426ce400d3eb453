import Foundation
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

    @Test func twoReplicasConvergeThroughAHub() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let (laptop, phone) = (try lab.replica("laptop"), try lab.replica("phone"))
        let url = cluster.url()
        let created = try laptop.ok("hub", "init", "--postgres", url, "--name", "toà soạn")
        #expect(created.stdout.hasPrefix("created hub toà soạn (id "), "\(created)")
        let hub = try laptop.json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        #expect(hub.hub.name == "toà soạn" && hub.changes == 0)
        for node in [laptop, phone] {
            try laptop.ok("hub", "trust", "add", try IdentityTests.fingerprint(of: node), "--name", node.name, "--postgres", url)
            try node.ok("trust", "add", hub.identity.fingerprint, "--name", "hub")
        }
        let server = try ServerProcess(laptop, running: ["hub", "--postgres", url, "--listen", "127.0.0.1:0"], ready: "serving hub ")
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

    @Test func aHubRefusesAnUntrustedReplicaAndSaysHowToTrustIt() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let stranger = try lab.replica("stranger")
        let url = cluster.url()
        try stranger.ok("hub", "init", "--postgres", url)
        let hub = try stranger.json(HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        try stranger.ok("trust", "add", hub.identity.fingerprint)
        let server = try ServerProcess(stranger, running: ["hub", "--postgres", url, "--listen", "127.0.0.1:0"], ready: "serving hub ")
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
        #expect(down.status == 75 && down.errorLines.count == 1, "\(down)")
        let noURL = try node.run(["hub", "status"], env: ["MARGINALIA_HUB_POSTGRES": nil])
        #expect(noURL.status == 64, "\(noURL)")
    }
}
