import Foundation
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaPostgresCluster
import MarginaliaStore

/// `hub-push`: changes a hub accepts per second with `clients` replicas pushing at once,
/// through 1, 2 and 4 hub processes on one database (a throwaway cluster, `fsync` on as
/// in production, `track_commit_timestamp` on to date each accepted change).
///
/// Each client is a replica of its own holding `articlesPerClient` corpus articles and
/// their annotations, made in process once and copied afresh for each configuration;
/// the hub is made once too, trusting every client, and copied by PostgreSQL into an
/// empty database for each configuration (`BenchHub.copy`). All clients start `marginalia
/// sync tls://HUB` at the same moment, client `i` to hub process `i mod N`. A sync is
/// both ways: once a client has pushed, it pulls what others pushed before it, which
/// weighs on the same two cores, as it would on a real hub's clients.
///
/// Accepted per second: the changes in the log over the time from the start to the
/// commit of the last one (`pg_xact_commit_timestamp`). No target: a table for the
/// README, and how it scales with hub processes.
enum HubPushBenchmark {
    static let clients = 50
    static let hubCounts = [1, 2, 4]
    /// A hundredth of the corpus's articles per client: at 20,000, 100 articles and 500
    /// annotations each, 30,000 changes in all.
    static func articlesPerClient(_ session: Session) -> Int { max(1, session.corpus.articles.count / 200) }

    /// One configuration's figures.
    struct Figures {
        var hubs: Int
        var changes: Int
        var firstAccepted: Double
        var lastAccepted: Double
        var allDone: Double
        var received: Int
        var hubCPU: Double
        var perSecond: Double { Double(changes) / lastAccepted }
    }

    static func run(_ session: Session) throws {
        let (cluster, seconds) = try Measure.time {
            try PostgresCluster(settings: ["fsync": "on", "track_commit_timestamp": "on"])
        }
        say("hub-push: a throwaway PostgreSQL cluster on port \(cluster.port) started in \(Format.s(seconds))")
        let template = try BenchHub(session, cluster: cluster, database: "hub_template")
        let (clientPaths, building) = try Measure.time { try makeClients(session, hub: template) }
        say("hub-push: \(clients) clients of \(Format.count(articlesPerClient(session))) articles and their annotations "
            + "each made and introduced to the hub in \(Format.s(building))")
        var figures: [Figures] = []
        for hubs in hubCounts {
            figures.append(try measure(session, template: template, clients: clientPaths, hubs: hubs))
        }
        let one = figures[0].perSecond
        for figure in figures {
            session.record(ResultRow(
                name: "hub-push: \(clients) clients, \(figure.hubs) hub process\(figure.hubs == 1 ? "" : "es"), accepted/s",
                ours: Format.count(Int(figure.perSecond.rounded())), baseline: figure.hubs == 1 ? "" : Format.count(Int(one.rounded())),
                ratio: figure.hubs == 1 ? "" : Format.fixed(figure.perSecond / one, 2) + "x", target: "", met: nil))
        }
        say("")
        say(table(figures))
    }

    /// The README's table.
    static func table(_ figures: [Figures]) -> String {
        let header = ["hub processes", "changes", "accepted/s", "vs 1 hub", "last accepted", "all syncs done", "hub CPU"]
        let rows = figures.map { figure in
            [
                String(figure.hubs), Format.count(figure.changes), Format.count(Int(figure.perSecond.rounded())),
                Format.fixed(figure.perSecond / figures[0].perSecond, 2) + "x", Format.s(figure.lastAccepted),
                Format.s(figure.allDone), Format.s(figure.hubCPU),
            ]
        }
        let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
        return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }

    /// The clients, each made in process from its share of the corpus and introduced to the hub.
    static func makeClients(_ session: Session, hub: BenchHub) throws -> [String] {
        let corpus = session.corpus
        let count = articlesPerClient(session)
        let folder = session.path("hub-push-clients")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try (0..<clients).map { client in
            let path = folder + "/client-\(client).db"
            try session.freshReplica(at: path)
            try fill(path, with: (client * count..<(client + 1) * count).map { corpus.articles[$0 % corpus.articles.count] }, of: corpus)
            try hub.introduce(path)
            return path
        }
    }

    /// Adds `articles` and their annotations to the replica at `path`, in one edit.
    static func fill(_ path: String, with articles: [GeneratedArticle], of corpus: Corpus) throws {
        let replica = try Replica.open(at: path, creation: .never)
        try replica.edit { editor in
            for article in articles {
                let id = try editor.addArticle(title: article.title, body: article.body)
                for annotation in corpus.annotations(ofArticle: article.index) {
                    _ = try editor.annotate(
                        id, at: .quote(annotation.quote, occurrence: annotation.occurrence), note: annotation.note,
                        tags: try Tags.parse(annotation.tags))
                }
            }
        }
    }

    /// One configuration: a fresh copy of the hub and of every client, `hubs` hub
    /// processes, every client syncing at once.
    static func measure(_ session: Session, template: BenchHub, clients: [String], hubs: Int) throws -> Figures {
        let hub = try template.copy(to: "hub_push_\(hubs)")
        let servers = try (0..<hubs).map { try hub.serve(name: "push-\(hubs)-\($0)") }
        defer { for server in servers { server.stop() } }
        let folder = session.path("hub-push-\(hubs)")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let paths = try clients.enumerated().map { index, template in
            let path = folder + "/client-\(index).db"
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: template + suffix) {
                try FileManager.default.copyItem(atPath: template + suffix, toPath: path + suffix)
            }
            return path
        }
        sync()
        let cpuBefore = servers.map(\.cpuSeconds)
        let launched = Date().timeIntervalSince1970
        let running = try paths.enumerated().map { index, path in
            let arguments = ["--db", path, "sync", "--json", servers[index % hubs].target]
            return (arguments, path + ".err", try ChildProcess.start(
                session.marginalia, arguments, output: .file(path + ".json"), errorFile: path + ".err"))
        }
        for (arguments, errors, child) in running {
            _ = try child.wait().succeeded(session.marginalia, arguments, errorFile: errors)
        }
        let allDone = Date().timeIntervalSince1970 - launched
        let summaries = try paths.map { try SummaryFigures.read($0 + ".json") }
        let sent = summaries.map(\.sent).reduce(0, +)
        let received = summaries.map(\.received).reduce(0, +)
        let hubCPU = zip(servers, cpuBefore).map { $0.cpuSeconds - $1 }.reduce(0, +)
        let row = try hub.cluster.psql("""
            SELECT count(*), extract(epoch FROM min(pg_xact_commit_timestamp(xmin))),
                   extract(epoch FROM max(pg_xact_commit_timestamp(xmin))) FROM changes
            """, database: hub.database).split(separator: "|").map(String.init)
        guard row.count == 3, let changes = Int(row[0]), let first = Double(row[1]), let last = Double(row[2]) else {
            throw BenchError("cannot read the hub's commit times: \(row)")
        }
        guard changes == sent, summaries.allSatisfy({ $0.sent > 0 }) else {
            throw BenchError("the hub holds \(changes) changes, the clients sent \(sent)")
        }
        let figures = Figures(
            hubs: hubs, changes: changes, firstAccepted: first - launched, lastAccepted: last - launched,
            allDone: allDone, received: received, hubCPU: hubCPU)
        say("hub-push: \(hubs) hub process\(hubs == 1 ? "" : "es"), \(clients.count) clients: \(Format.count(changes)) "
            + "changes accepted from \(Format.s(figures.firstAccepted)) to \(Format.s(figures.lastAccepted)) after the "
            + "start, \(Format.count(Int(figures.perSecond.rounded()))) per second; all syncs done after "
            + "\(Format.s(allDone)), having pulled \(Format.count(received)) changes; hub processes' CPU \(Format.s(hubCPU))")
        return figures
    }
}
