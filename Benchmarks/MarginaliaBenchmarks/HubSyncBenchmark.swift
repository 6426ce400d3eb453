import Foundation
import MarginaliaPostgresCluster

/// `hub`: syncing through a hub on PostgreSQL (a throwaway cluster of its own, `fsync`
/// on as in production), against syncing with a replica directly, in the same run.
///
/// 1. The source replica of `sync` pushed into the empty hub: the whole `marginalia --db
///    SOURCE sync --json tls://HUB` process (reported, no target).
/// 2. Initial sync into an empty replica from the hub (`sync tls://HUB`) and from the
///    source over `exec:` (`sync exec:'marginalia --db SOURCE serve --stdio'`), alternating,
///    `initialRuns` of each; medians, target hub ≤ 1.2x `exec:`. `status --digest` must
///    equal the source's after each. The hub process's CPU time is reported beside it.
/// 3. Incremental sync through the hub: one article body and ten notes edited on the
///    source (untimed), the source's push and the copy's pull each a whole `marginalia
///    sync` process; medians of `incrementalRuns`, target < 100 ms each.
enum HubSyncBenchmark {
    static let targetRatio = 1.2
    static let targetIncrementalSeconds = 0.100
    static let initialRuns = 3
    static let incrementalRuns = 7

    static func run(_ session: Session) throws {
        let (sourcePath, articleIDs, annotationIDs) = try SyncBenchmark.sourceReplica(session)
        let (cluster, seconds) = try Measure.time { try PostgresCluster(settings: ["fsync": "on"]) }
        say("hub: a throwaway PostgreSQL cluster on port \(cluster.port) started in \(Format.s(seconds))")
        let hub = try BenchHub(session, cluster: cluster, database: "postgres")
        try hub.introduce(sourcePath)
        let server = try hub.serve(name: "sync")
        defer { server.stop() }
        let errorPath = session.path("hub-sync.err")
        let outputPath = session.path("hub-sync.json")

        // 1: the hub learns the source's changes.
        sync()
        let cpuBefore = server.cpuSeconds
        let push = try ChildProcess.checked(
            session.marginalia, ["--db", sourcePath, "sync", "--json", server.target], output: .file(outputPath),
            errorFile: errorPath)
        let pushed = try SummaryFigures.read(outputPath)
        let total = pushed.sent
        guard total >= session.corpus.articles.count + annotationIDs.count else {
            throw BenchError("the push sent only \(total) changes")
        }
        say("hub: push of the source into the empty hub \(Format.s(push.seconds)) (hub process CPU "
            + "\(Format.s(server.cpuSeconds - cpuBefore))); \(pushed.text)")
        session.record(ResultRow(
            name: "hub: push \(Format.count(total)) changes into an empty hub", ours: Format.s(push.seconds),
            baseline: "", ratio: "", target: "", met: nil))

        // 2: initial syncs, from a replica over exec: and from the hub, alternating; the
        // hub's last, so that the copy left trusts the hub for step 3.
        let serve = "\(SyncBenchmark.quoted(session.marginalia)) --db \(SyncBenchmark.quoted(sourcePath)) serve --stdio"
        let syncs = AlternatingSyncs(session: session, name: "hub", source: sourcePath)
        let times = try syncs.run([
            .init(label: "exec:", arguments: ["exec:" + serve]),
            .init(label: "the hub", arguments: [server.target], prepare: hub.introduce, server: server),
        ], runs: initialRuns)
        let copyPath = syncs.copyPath
        let ours = times["the hub"]!.median
        let baseline = times["exec:"]!.median
        let ratio = ours / baseline
        say("hub: initial from the hub \(Format.s(ours)), from a replica over exec: \(Format.s(baseline)), "
            + "ratio \(Format.fixed(ratio, 2))")
        session.record(ResultRow(
            name: "hub: initial sync from a hub vs exec: (\(Format.count(total)) changes)", ours: Format.s(ours),
            baseline: Format.s(baseline), ratio: Format.fixed(ratio, 2) + "x", target: "≤ \(Format.fixed(targetRatio, 1))x",
            met: ratio <= targetRatio))

        // 3: incremental syncs through the hub.
        var pushes: [Double] = []
        var pulls: [Double] = []
        for run in 0..<incrementalRuns {
            try SyncBenchmark.editForIncrementalSync(
                session, source: sourcePath, articleIDs: articleIDs, annotationIDs: annotationIDs, run: run)
            let edited = 1 + SyncBenchmark.editedNotes
            let push = try ChildProcess.checked(
                session.marginalia, ["--db", sourcePath, "sync", "--json", server.target], output: .file(outputPath),
                errorFile: errorPath)
            let sent = try SummaryFigures.read(outputPath)
            let pull = try ChildProcess.checked(
                session.marginalia, ["--db", copyPath, "sync", "--json", server.target], output: .file(outputPath),
                errorFile: errorPath)
            let received = try SummaryFigures.read(outputPath)
            guard sent.sent == edited, received.received == edited else {
                throw BenchError("an incremental sync through the hub sent \(sent.sent) and received \(received.received) "
                    + "changes, expected \(edited) each")
            }
            pushes.append(push.seconds)
            pulls.append(pull.seconds)
            say("hub: incremental run \(run + 1): push \(Format.ms(push.seconds)), pull \(Format.ms(pull.seconds)); "
                + "pull \(received.text)")
        }
        try SyncBenchmark.sameDigest(sourcePath, copyPath, session, label: "incremental through the hub")
        let noop = try Measure.samples(runs: 5) {
            _ = try ChildProcess.checked(session.marginalia, ["--db", copyPath, "sync", server.target], errorFile: errorPath)
        }
        say("hub: nothing to exchange \(noop.millisecondsSummary)")
        for (label, values) in [("push", pushes), ("pull", pulls)] {
            let samples = Samples(values)
            say("hub: incremental \(label) \(samples.millisecondsSummary)")
            session.record(ResultRow(
                name: "hub: incremental \(label) (1 body + \(SyncBenchmark.editedNotes) notes), process",
                ours: Format.ms(samples.median), baseline: "", ratio: "", target: "< \(Format.ms(targetIncrementalSeconds))",
                met: samples.median < targetIncrementalSeconds))
        }
        session.record(ResultRow(
            name: "hub: sync with nothing to exchange, process", ours: Format.ms(noop.median), baseline: "", ratio: "",
            target: "", met: nil))
    }
}
