import Foundation
import MarginaliaTestSupport
import Testing

/// Two hub processes on one database with a hundred clients syncing at once (real
/// `marginalia sync tls://` processes, each its own replica with an article of its own),
/// while two trusted clients stall in the middle of their sessions on the first hub: one
/// stops halfway through the batch it sends, the other sends its half and never reads the
/// hub's. Nobody waits for them, every article is stored once, the stalled half batch is
/// not, and each hub's memory stays bounded. (Convergence through hubs is
/// `HubSyncTests`'s; here the load is the point.)
///
/// `MARGINALIA_HUB_LOAD_CLIENTS=N` changes the number of clients (default 100).
@Suite("a hub under load")
struct HubUnderLoadTests {
    static let clientCount = ProcessInfo.processInfo.environment["MARGINALIA_HUB_LOAD_CLIENTS"].flatMap { Int($0) } ?? 100
    /// A generous bound on each hub process's peak resident memory: far above what it
    /// needs (the figures are printed), far below what a hub holding what it served would take.
    static let memoryBound = 200 * 1024 * 1024

    @Test func aHundredClientsThroughTwoHubsWhileTwoStall() throws {
        let cluster = try PostgresCluster()
        let lab = try SyncLab()
        defer { lab.remove() }
        let clients = try lab.replicas((0..<Self.clientCount).map { "client\($0)" })
        let stallers = try lab.replicas(["half-batch", "not-reading"])
        let url = cluster.url()
        let hub = try HubSyncTests.introduce(clients + stallers, to: url)
        let body = try String(
            contentsOf: MarginaliaProcess.packageRoot.appendingPathComponent("examples/articles/ha-noi-mua-lu.txt"),
            encoding: .utf8)
        for (index, client) in clients.enumerated() {
            try client.withReplica { replica in
                _ = try replica.edit { try $0.addArticle(title: "Hà Nội mưa lũ, bản tin số \(index)", body: body) }
            }
        }
        try stallers[0].newID("add", "Nửa lô", "--body", "gửi dở dang")
        let halfBatch = try ProtocolLines.changeLines(of: stallers[0])
        // Idle timeouts far beyond the test: the stalled sessions stay open throughout.
        let hubs = try (0..<2).map { _ in
            try ServerProcess(
                clients[0], running: ["hub", "--postgres", url, "--listen", "127.0.0.1:0", "--idle-timeout", "600"],
                ready: "serving hub ")
        }

        let stalledSending = try RawConnection.tls(port: hubs[0].port, as: stallers[0])
        #expect(try stalledSending.readLine()?.hasSuffix("\"type\":\"challenge\"}") == true)
        try stalledSending.send(line: ProtocolLines.hello(replica: stallers[0].id, knowledge: [stallers[0].id: 1]))
        #expect(try stalledSending.readLine()?.contains("\"type\":\"hello\"") == true)
        try stalledSending.send(line: halfBatch[0])  // and never `done`
        let notReading = try RawConnection.tls(port: hubs[0].port, as: stallers[1])
        try notReading.send(line: ProtocolLines.hello(replica: stallers[1].id))
        try notReading.send(line: ProtocolLines.done(0))  // and reads nothing of what the hub sends

        // Every client at once, half through each hub: each sends its article and
        // receives those already there.
        let started = Date()
        let syncs = try clients.enumerated().map { index, client in
            try client.start(["sync", "tls://127.0.0.1:\(hubs[index % 2].port)", "--json"])
        }
        for result in try finishAll(syncs) {
            let summary = try JSONDecoder().decode(SyncSummaryDoc.self, from: Data(result.stdout.utf8))
            #expect(summary.peer == hub.hub.id && summary.sent == 1, "\(result)")
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(!stalledSending.isClosedByPeer() && !notReading.isClosedByPeer(), "the stalled sessions were cut off")

        let peaks = try hubs.map { try $0.peakMemory() }
        print("\(Self.clientCount) clients through 2 hubs at once in \(String(format: "%.1f", seconds)) s; "
            + "hubs' peak memory \(peaks.map { "\($0 / 1024 / 1024) MiB" }.joined(separator: ", "))")
        // Under a sanitizer memory is mostly shadow memory and quarantine: the bound is for real builds.
        if ProcessInfo.processInfo.environment["MARGINALIA_SANITIZED"] == nil {
            #expect(peaks.allSatisfy { $0 < Self.memoryBound }, "the hubs peaked at \(peaks) bytes")
        }
        stalledSending.close()
        notReading.close()
        for server in hubs { try server.stop() }

        let status = try clients[0].json(HubSyncTests.HubStatusDoc.self, "hub", "status", "--postgres", url, "--json")
        #expect(status.changes == Self.clientCount, "the stalled half batch was not stored: \(status.knowledge)")
        #expect(try cluster.hubLogProblems() == "")
    }
}
