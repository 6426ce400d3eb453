import Foundation
import MarginaliaTestSupport
import Testing

/// Random edits on 3 to 5 replicas through the CLI, random pairwise syncs over random
/// transports (file, exec, ssh, bundles, and TCP in some seeds), random interruptions
/// (input cut short, the responder SIGKILLed after N bytes of output, bundles cut short, a
/// TCP server killed between syncs), then a final round of full syncs: every replica
/// has the same digest, `verify` is ok everywhere, and every change made anywhere is in
/// every log.
///
/// `MARGINALIA_SYNC_SEEDS=N` runs seeds 1…N (default 8); `MARGINALIA_SYNC_SEED=S` runs
/// seed S alone; `MARGINALIA_SYNC_VERBOSE=1` prints every step. Failures name the seed
/// and the last steps taken.
@Suite("sync convergence property")
struct SyncConvergencePropertyTests {
    static let seeds = propertySeeds("MARGINALIA_SYNC", default: 8)

    @Test(arguments: seeds)
    func replicasConverge(seed: UInt64) throws {
        let run = try ConvergenceRun(seed: seed)
        defer { run.finish() }
        try run.play()
    }
}

final class ConvergenceRun {
    let seed: UInt64
    private var random: SplitMix64
    let lab: SyncLab
    private(set) var nodes: [ReplicaNode] = []
    /// What each replica shows, refreshed after anything that may change it other than its own adds.
    private var listings: [Listing?]
    /// The number of changes each replica's own successful commands made.
    private var ownChanges: [Int]
    private let transcript: RunTranscript
    private var counter = 0
    private let usesTCP: Bool
    private var server: ServerProcess?
    private var serverIndex = 0
    private let token: String

    struct Listing {
        var articles: [ArticleSummaryDoc]
        var annotations: [AnnotationDoc]
    }

    init(seed: UInt64) throws {
        self.seed = seed
        transcript = RunTranscript(seed: seed, replay: "MARGINALIA_SYNC_SEED")
        random = SplitMix64(seed: seed)
        lab = try SyncLab()
        let count = random.int(3...5)
        usesTCP = seed % 3 == 0
        token = try lab.tokenFile()
        listings = Array(repeating: nil, count: count)
        ownChanges = Array(repeating: 0, count: count)
        for index in 0..<count { nodes.append(try lab.replica("r\(index)")) }
    }

    func finish() {
        _ = try? server?.crash()
        lab.remove()
    }

    // MARK: Reporting

    private func log(_ step: String) { transcript.log(step) }

    private func check(_ condition: Bool, _ message: @autoclosure () -> String,
                       sourceLocation: SourceLocation = #_sourceLocation)
    {
        transcript.check(condition, message(), sourceLocation: sourceLocation)
    }

    private func require(_ condition: Bool, _ message: @autoclosure () -> String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        try transcript.require(condition, message(), sourceLocation: sourceLocation)
    }

    // MARK: The run

    func play() throws {
        if usesTCP {
            serverIndex = random.int(0...(nodes.count - 1))
            try startServer()
        }
        let steps = random.int(24...40)
        for _ in 0..<steps {
            try edit(random.int(0...(nodes.count - 1)))
            if random.chance(0.4) { try syncRandomPair() }
        }
        try finalRound()
        transcript.printIfVerbose("MARGINALIA_SYNC_VERBOSE")
    }

    private func startServer() throws {
        server = try ServerProcess(nodes[serverIndex], tokenFile: token)
        log("serve r\(serverIndex) on port \(server!.port)")
    }

    // MARK: Edits

    private func unique() -> Int {
        counter += 1
        return counter
    }

    private static let words = ["mưa", "lớn", "Hà", "Nội", "đường", "nước", "sông", "Hồng", "alpha", "beta", "gamma",
                                "“quote”", "🙂", "naïve", "Đà", "Nẵng"]

    /// A body starting with 4 ASCII letters and digits, so that `--range 0-4` always fits.
    private func body() -> String {
        let count = random.int(2...12)
        return "w\(100 + random.int(0...899)) " + (0..<count).map { _ in random.pick(Self.words) }.joined(separator: " ")
    }

    private func listing(_ index: Int) throws -> Listing {
        if let listing = listings[index] { return listing }
        let node = nodes[index]
        let listing = Listing(
            articles: try node.jsonLines(ArticleSummaryDoc.self, "list", "--json"),
            annotations: try node.jsonLines(AnnotationDoc.self, "annotations", "--json"))
        listings[index] = listing
        return listing
    }

    private func edit(_ index: Int) throws {
        let node = nodes[index]
        let listing = try listing(index)
        let liveArticles = listing.articles.map(\.id)
        // Annotations can be edited even when their article was deleted elsewhere meanwhile.
        let annotations = listing.annotations.map(\.id)
        // Articles an annotation can be added to: visible ones.
        let roll = random.int(0...99)
        var arguments: [String]
        var changes = 1
        var mayChangeNothing = false
        var createsArticle = false
        if liveArticles.isEmpty || roll < 15 {
            arguments = ["add", "T\(unique()) \(random.pick(Self.words))", "--body", body()]
            if random.chance(0.4) { arguments += ["--source", "https://example.org/\(unique())"] }
            if random.chance(0.4) { arguments += ["--tag", random.pick(["red", "xanh", "đỏ"])] }
            createsArticle = true
        } else if roll < 25 {
            arguments = ["edit", random.pick(liveArticles), "--title", "T\(unique()) \(random.pick(Self.words))"]
        } else if roll < 32 {
            let file = lab.path("body-\(unique()).txt")
            try Data(body().utf8).write(to: URL(fileURLWithPath: file))
            arguments = ["edit", random.pick(liveArticles), "--body-file", file]
        } else if roll < 39 {
            let clear = random.chance(0.2)
            arguments = ["edit", random.pick(liveArticles), "--source", clear ? "" : "https://example.org/s\(unique())"]
            mayChangeNothing = clear
        } else if roll < 52 {
            arguments = ["annotate", random.pick(liveArticles), "--range", "0-4"]
            if random.chance(0.5) { arguments += ["--note", "n\(unique()) \(random.pick(Self.words))"] }
            if random.chance(0.3) { arguments += ["--tag", random.pick(["red", "xanh", "đỏ"])] }
        } else if roll < 64, !annotations.isEmpty {
            arguments = ["note", random.pick(annotations), "n\(unique()) \(random.pick(Self.words))"]
        } else if roll < 76 {
            let tags = ["red", "xanh", "đỏ", "blue"]
            let target = !annotations.isEmpty && random.chance(0.35) ? random.pick(annotations) : random.pick(liveArticles)
            arguments = ["tag", target]
            for _ in 0..<random.int(1...2) { arguments.append((random.chance(0.6) ? "+" : "-") + random.pick(tags)) }
            mayChangeNothing = true
        } else if roll < 84, !annotations.isEmpty {
            arguments = ["rm", random.pick(annotations)]
        } else if roll < 90 {
            let article = random.pick(listing.articles)
            arguments = ["rm", article.id]
            changes = 1 + article.annotationCount
        } else {
            arguments = ["edit", random.pick(liveArticles), "--title", "T\(unique())", "--source", "https://example.org/b\(unique())"]
        }
        let result = try node.run(arguments)
        log("r\(index): \(arguments.joined(separator: " ")) → \(result.status)")
        if result.status == 0 {
            ownChanges[index] += changes
        } else {
            let nothing = result.status == Exit.failure && result.stderr.contains("nothing to change")
            check(mayChangeNothing && nothing, "r\(index) refused a valid edit: \(result)")
        }
        if createsArticle, result.status == 0, var cached = listings[index], let id = result.lines.first {
            cached.articles.append(ArticleSummaryDoc(
                id: id, title: "", tags: [], state: "live", conflicts: [], updated: "", annotationCount: 0))
            listings[index] = cached
        } else {
            listings[index] = nil
        }
    }

    // MARK: Syncs

    private enum Way: CaseIterable {
        case file, exec, ssh, bundle, bundleForPeer, tcp, cutInput, killResponder, cutBundle, crashServer
    }

    private func syncRandomPair() throws {
        let from = random.int(0...(nodes.count - 1))
        var to = random.int(0...(nodes.count - 2))
        if to >= from { to += 1 }
        var ways: [(Way, Int)] = [
            (.file, 20), (.exec, 15), (.ssh, 10), (.bundle, 8), (.bundleForPeer, 8), (.cutInput, 8),
            (.killResponder, 8), (.cutBundle, 6),
        ]
        if usesTCP { ways += [(.tcp, 20), (.crashServer, 5)] }
        var roll = random.int(0...(ways.map(\.1).reduce(0, +) - 1))
        var way = ways[0].0
        for (candidate, weight) in ways {
            if roll < weight { way = candidate; break }
            roll -= weight
        }
        try sync(from, to, way)
    }

    private func sync(_ from: Int, _ to: Int, _ way: Way) throws {
        // Over TCP the peer is whichever replica the server serves.
        let to = way == .tcp && serverIndex != from ? serverIndex : to
        let node = nodes[from]
        let peer = nodes[to]
        let binary = shellQuote(SyncLab.binary)
        var mustSucceed = true
        var arguments: [String]
        switch way {
        case .file:
            arguments = ["sync", peer.path]
        case .exec:
            arguments = ["sync", peer.target(.exec)]
        case .ssh:
            arguments = ["sync", peer.target(.ssh)]
        case .tcp:
            let server = try #require(server)
            if serverIndex == from {
                // The server's own replica syncs with someone else by file instead.
                arguments = ["sync", peer.path]
            } else {
                arguments = ["sync", server.target, "--token-file", token]
            }
        case .cutInput:
            let bytes = random.int(1...4000)
            // `dd bs=1` passes each byte on at once (`head -c` would hold them in its buffer).
            arguments = ["sync", "exec:dd bs=1 count=\(bytes) status=none | exec \(binary) --db \(shellQuote(peer.path)) serve --stdio"]
            mustSucceed = false
        case .killResponder:
            let bytes = random.int(1...4000)
            let pidFile = shellQuote(lab.path("responder-\(unique()).pid"))
            let responder = "\(shellQuote(lab.pidWrapper)) \(pidFile) \(binary) --db \(shellQuote(peer.path)) serve --stdio"
            arguments = [
                "sync", "exec:\(responder) | { dd bs=1 count=\(bytes) status=none; kill -9 \"$(cat \(pidFile))\" 2>/dev/null; }",
            ]
            mustSucceed = false
        case .bundle, .bundleForPeer, .cutBundle:
            try carryBundle(from, to, way)
            return
        case .crashServer:
            if let server {
                try server.crash()
                log("crash the server of r\(serverIndex)")
                try startServer()
            }
            return
        }
        let result = try node.run(arguments)
        log("r\(from): \(arguments.joined(separator: " ")) [to r\(to)] → \(result.status)")
        if mustSucceed {
            try require(result.status == 0 && result.stderr == "", "r\(from) could not sync with r\(to): \(result)")
        } else {
            check(result.status == 0 || result.status == Exit.syncFailed, "r\(from) ↔ r\(to): \(result)")
        }
        listings[from] = nil
        listings[to] = nil
    }

    private func carryBundle(_ from: Int, _ to: Int, _ way: Way) throws {
        let node = nodes[from]
        let peer = nodes[to]
        let file = lab.path("carry-\(unique()).bundle")
        var create = ["bundle", "create", file]
        if way == .bundleForPeer { create += ["--for", peer.id] }
        let created = try node.run(create)
        // `--for` needs the peer to have been met before.
        let unknownPeer = way == .bundleForPeer && created.status == Exit.usage
        log("r\(from): \(create.joined(separator: " ")) → \(created.status)")
        try require(created.status == 0 || unknownPeer, "r\(from) could not write a bundle: \(created)")
        if unknownPeer { return }
        var apply = file
        var mustSucceed = true
        if way == .cutBundle {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            let cut = random.int(0...max(bytes.count - 1, 0))
            apply = file + ".cut"
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: apply))
            mustSucceed = false
            log("  cut at \(cut) of \(bytes.count) bytes")
        }
        let result = try peer.run("bundle", "apply", apply)
        log("r\(to): bundle apply \(apply) → \(result.status)")
        if mustSucceed {
            try require(result.status == 0 && result.stderr == "", "r\(to) could not apply r\(from)'s bundle: \(result)")
        } else {
            check(result.status == Exit.syncFailed, "a cut bundle must be refused: \(result)")
        }
        listings[to] = nil
    }

    // MARK: The end

    private func finalRound() throws {
        if let server {
            try server.stop()
            self.server = nil
            log("stop the server")
        }
        // Everyone with r0, twice: the first pass gathers everything in r0, the second hands it out.
        for _ in 0..<2 {
            for index in 1..<nodes.count {
                let result = try nodes[index].run("sync", nodes[0].path, "--json")
                log("r\(index): final sync with r0 → \(result.status)")
                try require(result.status == 0 && result.stderr == "", "final sync r\(index) ↔ r0 failed: \(result)")
            }
        }
        let digests = try nodes.map { try $0.digest() }
        check(Set(digests).count == 1, "digests differ: \(digests)")
        for node in nodes {
            let result = try node.run("verify", "--json")
            check(result.status == 0 && result.stdout.contains("\"ok\":true"), "verify failed on \(node): \(result)")
            let integrity = try node.sqlite3("PRAGMA integrity_check")
            check(integrity.output == "ok", "integrity_check on \(node): \(integrity)")
        }
        // Every change made anywhere is in every log.
        var expected = Set<String>()
        for (index, node) in nodes.enumerated() {
            let own = try node.status().knowledge[node.id] ?? 0
            check(own == ownChanges[index], "r\(index) made \(ownChanges[index]) changes but knows \(own) of its own")
            for counter in stride(from: 1, through: max(own, ownChanges[index]), by: 1) {
                expected.insert("\(node.id):\(counter)")
            }
        }
        for (index, node) in nodes.enumerated() {
            let dots = try node.dots()
            check(dots == expected,
                  "r\(index)'s log differs: missing \(expected.subtracting(dots).sorted().prefix(10)), extra \(dots.subtracting(expected).sorted().prefix(10))")
            let status = try node.status()
            check(status.changes == expected.count, "r\(index) counts \(status.changes) changes, not \(expected.count)")
        }
    }
}
