import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MarginaliaTestSupport
import Testing

/// Faults in the middle of sessions with a hub, with real processes and a real throwaway
/// cluster: the hub process SIGKILLed during a replica's large push, PostgreSQL stopped
/// and started again under a session, and a client SIGKILLed while it receives. Each
/// "middle" is a point chosen exactly: a `HoldingRelay` holds the session after a byte
/// count, and the test waits for the batches committed by then (in PostgreSQL, or in the
/// replica) before striking. After each, the hub's log has no gap or duplicate, nothing
/// of a batch is half stored, the replica is valid, and the next syncs converge.
@Suite struct HubFaultTests {
    /// What a client prints when the hub's database is down (exit 75).
    static let unavailable =
        "marginalia: the peer ended the sync: unavailable: the hub's database is down or restarting; try again later"

    /// The bytes `count` change lines take on the wire, from `node`'s log after its first
    /// `skip` changes: holding a push after them stops it a little before its `count`-th
    /// line (the TLS handshake, the hello and TLS's records take a few of those bytes).
    static func pushBytes(of node: ReplicaNode, skip: Int, count: Int) throws -> Int {
        // A change line is `{"change":` + the payload + `,"type":"change"}` and its LF: 28 bytes more.
        let sql = "SELECT sum(length(CAST(payload AS BLOB)) + 28) FROM (SELECT payload FROM changes ORDER BY seq LIMIT \(count) OFFSET \(skip))"
        return try #require(Int(node.sqlite3(sql).output))
    }

    /// The same, for the first `count` changes the hub sends a replica that holds none.
    static func pullBytes(from cluster: PostgresCluster, count: Int) throws -> Int {
        try #require(Int(cluster.psql(
            "SELECT sum(octet_length(payload) + 28) FROM (SELECT payload FROM changes ORDER BY accepted LIMIT \(count)) AS sent")))
    }

    @Test func aHubKilledADatabaseRestartedAndAClientKilledMidSessionLoseNothing() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let library = try SyncFaultTests.largeReplica(in: lab)
        let phone = try lab.replica("phone")
        let url = cluster.url()
        try HubSyncTests.introduce([library, phone], to: url)
        let changesInHub = { try cluster.psql("SELECT count(*) FROM changes") }
        let total = SyncFaultTests.articleCount

        // (a) The hub process is SIGKILLed while the library pushes, held near its 2,500th
        // change: the first batch (2,000 changes) is committed, the second half received.
        let first = try HubSyncTests.serve(url, by: library)
        let held = try HoldingRelay(toPort: first.port, holding: .toServer, after: Self.pushBytes(of: library, skip: 0, count: 2_500))
        let push = try library.start(["sync", held.target])
        try #require(held.waitUntilHeld(), "the push ended before the relay held it")
        try waitUntil("the first batch to be committed") { try changesInHub() == "2000" }
        try first.crash()
        held.cut()
        let killed = try push.finish()
        #expect(killed.status == 75 && killed.errorLines.count == 1, "\(killed)")
        #expect(try changesInHub() == "2000")
        #expect(try cluster.hubLogProblems() == "")

        // (b) PostgreSQL stops while a push to another hub process is held halfway through
        // the rest (1,000 changes, one batch): when the push goes on, the batch cannot be
        // stored and the client is told `unavailable`; a client connecting meanwhile is
        // told so instead of the challenge. Once PostgreSQL is back, the same hub process
        // reconnects by itself and the next push succeeds at once.
        let hub = try HubSyncTests.serve(url, by: library)
        let direct = "tls://127.0.0.1:\(hub.port)"
        let halfway = try HoldingRelay(toPort: hub.port, holding: .toServer, after: Self.pushBytes(of: library, skip: 2_000, count: 500))
        let interrupted = try library.start(["sync", halfway.target])
        try #require(halfway.waitUntilHeld(), "the push ended before the relay held it")
        try cluster.stop()
        halfway.release()
        let refused = try interrupted.finish()
        #expect(refused.status == 75 && refused.errorLines == [Self.unavailable], "\(refused)")
        let meanwhile = try phone.run("sync", direct)
        #expect(meanwhile.status == 75 && meanwhile.errorLines == [Self.unavailable], "\(meanwhile)")
        try cluster.start()
        #expect(try changesInHub() == "2000")
        try waitUntil("the hub to reconnect") { hub.errorLines().contains { $0.hasPrefix("PostgreSQL is back") } }
        #expect(hub.errorLines().contains { $0.hasPrefix("PostgreSQL is unavailable (") }, "\(hub.errorText())")
        #expect(try library.sync(direct).sent == total - 2_000)
        #expect(try changesInHub() == "\(total)")
        #expect(try cluster.hubLogProblems() == "")

        // (c) The phone's sync is SIGKILLed while it receives everything, held near the
        // 2,500th change once its first batch is committed: the phone holds exactly that
        // batch and is valid, the hub is unchanged, and the next sync brings the rest.
        let pull = try HoldingRelay(toPort: hub.port, holding: .toClient, after: Self.pullBytes(from: cluster, count: 2_500))
        let receiving = try phone.start(["sync", pull.target])
        try #require(pull.waitUntilHeld(), "the pull ended before the relay held it")
        try waitUntil("the phone to commit its first batch") { try phone.sqlite3("SELECT count(*) FROM changes").output == "2000" }
        kill(receiving.process.processIdentifier, SIGKILL)
        _ = try receiving.finish()
        pull.cut()
        #expect(try phone.expectIntact(committed: 2_000, "after the kill") == 2_000)
        try phone.expectVerified("after the kill")
        #expect(try phone.sync(direct).received == total - 2_000)
        try library.sync(direct)
        try expectConverged([library, phone])

        let status = try library.json(HubSyncTests.HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        let own = try library.status()
        #expect(status.changes == total && status.knowledge == own.knowledge && status.logDigest == own.logDigest)
        #expect(try cluster.hubLogProblems() == "")
        try hub.stop()
    }
}
