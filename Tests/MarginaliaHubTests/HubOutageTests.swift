import Foundation
import MarginaliaCore
@testable import MarginaliaHub
import MarginaliaTestSupport
import PostgresNIO
import Testing

/// A hub process losing PostgreSQL under it: a batch cut inside its transaction is not
/// stored at all, requests meanwhile fail as unavailable, and the same process comes back
/// by itself (`HubConnections`, `ReconnectBackoff`).
@Suite struct HubOutageTests {
    /// 100 ms, doubling, never more than 2 s: a short restart is seen promptly, a long
    /// outage costs one attempt every 2 s.
    @Test func theBackoffDoublesUpToItsBound() {
        let backoff = ReconnectBackoff()
        let delays = (1...8).map { backoff.delay(afterFailures: $0) }
        #expect(delays == [100, 200, 400, 800, 1_600, 2_000, 2_000, 2_000].map { Duration.milliseconds($0) })
    }

    /// The batch's connection is terminated while it waits inside its transaction (its
    /// rows locked and checked, just before inserting: a transaction of the test's own
    /// holds the sequencer lock, so the moment is not a matter of timing). Nothing of the
    /// batch stays; the hub says unavailable, reconnects, and then stores the same batch whole.
    @Test func aBatchCutInsideItsTransactionIsNotStoredHalfAndTheHubComesBack() async throws {
        let cluster = try PostgresCluster()
        let url = try PostgresURL(cluster.url())
        let lost = Lines()
        let database = try await HubDatabase(url: url, log: { lost.append($0) })
        try await HubLog.initialize(on: database, name: "toà soạn", now: Date(timeIntervalSince1970: 1_764_000_000))
        let hub = try await HubLog.open(database)
        var random = SplitMix64(seed: 16)
        let changes = HubChanges.history(HubChanges.origins(3, using: &random), count: 500, using: &random)
        try await hub.integrate(changes[..<200].map(PreparedChange.init))
        let before = try await hub.knowledge()

        let holder = try await PostgresConnection.connect(configuration: try url.connectionConfiguration, id: 99, logger: HubDatabase.log)
        try await holder.query("BEGIN", logger: HubDatabase.log)
        try await holder.query("SELECT pg_advisory_xact_lock(\(HubLocks.sequencer))", logger: HubDatabase.log)
        let cut = Task { try await hub.integrate(changes[200...].map(PreparedChange.init)) }
        let waiting = "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'"
        try await until("the batch to wait for the sequencer") { try cluster.psql(waiting) != "" }
        try cluster.psql("SELECT pg_terminate_backend(pid) FROM (\(waiting)) AS batch")
        do {
            let summary = try await cut.value
            Issue.record("the cut batch was stored: \(summary)")
        } catch HubError.unavailable {
        } catch {
            Issue.record("expected unavailable, got \(error)")
        }
        try await holder.query("ROLLBACK", logger: HubDatabase.log)
        try await holder.close()
        #expect(try cluster.psql("SELECT count(*) FROM changes") == "200")
        #expect(try cluster.hubLogProblems() == "")

        // The same process comes back by itself, with what it logged meanwhile.
        try await until("the hub to reconnect") { lost.contains("PostgreSQL is back") }
        #expect(lost.contains("PostgreSQL is unavailable ("), "\(lost.all)")
        #expect(try await hub.knowledge() == before)
        let summary = try await hub.integrate(changes[200...].map(PreparedChange.init))
        #expect(summary.applied == 300)
        #expect(try await HubLogAudit.check(hub, cluster: cluster).counters.values.reduce(0, +) == 500)
        await database.close()
    }

    /// Polls `condition` until it holds; the limit only guards against a hang.
    private func until(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !condition() {
            if ContinuousClock.now > deadline { throw GaveUp(what: what) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

private struct GaveUp: Error {
    let what: String
}

/// The lines a hub database logged, read from the test while the hub writes.
private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var all: [String] { lock.withLock { lines } }
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    func contains(_ prefix: String) -> Bool { all.contains { $0.hasPrefix(prefix) } }
}
