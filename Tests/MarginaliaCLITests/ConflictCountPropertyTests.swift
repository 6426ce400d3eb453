import Foundation
import MarginaliaTestSupport
import Testing

/// Random histories of 3 to 5 replicas editing shared articles and annotations through
/// the CLI (titles, bodies, sources, notes, new annotations, deletions) with random
/// pairwise syncs, watched by one more replica that never edits and only syncs: it
/// learns of conflicts through its sync summaries alone. Throughout, `status` counts
/// exactly the conflicts `conflicts` lists; every sync's summary accounts for how the
/// count moved (before + new − settled = after); the watcher's count is the sum of its
/// summaries. Then one replica resolves every conflict it lists with a random fitting
/// choice, and after a final round of syncs no replica has any left.
///
/// `MARGINALIA_CONFLICT_SEEDS=N` runs seeds 1…N (default 12); `MARGINALIA_CONFLICT_SEED=S`
/// runs seed S alone; `MARGINALIA_CONFLICT_VERBOSE=1` prints every step. Failures name
/// the seed and the last steps taken.
@Suite("conflict count property")
struct ConflictCountPropertyTests {
    static let seeds = propertySeeds("MARGINALIA_CONFLICT", default: 12)

    @Test(arguments: seeds)
    func everyViewCountsTheSameConflictsAndResolvingLeavesNone(seed: UInt64) throws {
        let run = try ConflictCountRun(seed: seed)
        defer { run.lab.remove() }
        try run.play()
    }
}

final class ConflictCountRun {
    let seed: UInt64
    let lab: SyncLab
    private var random: SplitMix64
    private var nodes: [ReplicaNode] = []
    /// Never edits, only syncs with others (never the other way round).
    private let watcher: ReplicaNode
    /// The new conflicts less the settled ones of every summary the watcher got.
    private var watcherTally = 0
    private let transcript: RunTranscript
    private var counter = 0

    private static let words = ["mưa", "lớn", "Hà", "Nội", "đường", "ngập", "sông", "Hồng", "phố", "cổ", "nước", "Đà", "Nẵng"]

    init(seed: UInt64) throws {
        self.seed = seed
        transcript = RunTranscript(seed: seed, replay: "MARGINALIA_CONFLICT_SEED")
        random = SplitMix64(seed: seed)
        lab = try SyncLab()
        let count = random.int(3...5)
        nodes = try lab.replicas((0..<count).map { "r\($0)" } + ["watcher"])
        watcher = nodes.removeLast()
    }

    // MARK: Reporting

    private func log(_ step: String) { transcript.log(step) }

    private func require(_ condition: Bool, _ message: @autoclosure () -> String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        try transcript.require(condition, message(), sourceLocation: sourceLocation)
    }

    // MARK: The run

    func play() throws {
        try share()
        for _ in 0..<random.int(24...36) {
            let roll = random.int(0...99)
            if roll < 65 {
                try edit(random.int(0...(nodes.count - 1)))
            } else if roll < 87 {
                let from = random.int(0...(nodes.count - 1))
                try sync(nodes[from], with: nodes[(from + random.int(1...(nodes.count - 1))) % nodes.count])
            } else {
                try sync(watcher, with: random.pick(nodes))
            }
        }
        try finalRound()
        let open = try openConflicts(nodes[0])
        log("open everywhere: " + open.map { "\($0.type) \($0.field ?? "")" }.joined(separator: ", "))
        try resolveEverything(on: random.pick(nodes))
        try finalRound()
        for node in nodes + [watcher] {
            try require(try openConflicts(node).isEmpty, "\(node.name) still has conflicts after resolving them all")
        }
        transcript.printIfVerbose("MARGINALIA_CONFLICT_VERBOSE")
    }

    /// r0 adds a few articles with annotations, and every replica gets them.
    private func share() throws {
        for _ in 0..<random.int(2...3) {
            let article = try nodes[0].newID("add", title(), "--body", body())
            for _ in 0..<random.int(0...2) { try nodes[0].newID("annotate", article, "--range", "0-4", "--note", text()) }
        }
        for node in nodes.dropFirst() { try sync(nodes[0], with: node) }
    }

    private func unique() -> Int {
        counter += 1
        return counter
    }

    private func text() -> String {
        (0..<random.int(1...4)).map { _ in random.pick(Self.words) }.joined(separator: " ")
    }

    private func title() -> String { "T\(unique()) \(text())" }

    /// A body starting with 4 ASCII characters, so that `--range 0-4` always fits.
    private func body() -> String {
        "w\(100 + random.int(0...899)) " + (0..<random.int(3...10)).map { _ in random.pick(Self.words) }.joined(separator: " ")
    }

    // MARK: Edits

    private func edit(_ index: Int) throws {
        let node = nodes[index]
        let articles = try node.jsonLines(ArticleSummaryDoc.self, "list", "--json").map(\.id)
        let annotations = try node.jsonLines(AnnotationDoc.self, "annotations", "--json").map(\.id)
        let roll = random.int(0...99)
        var arguments: [String]
        if articles.isEmpty || roll < 6 {
            arguments = ["add", title(), "--body", body()]
        } else if roll < 30 {
            arguments = ["edit", random.pick(articles), "--title", title()]
        } else if roll < 42 {
            let file = lab.path("body-\(unique()).txt")
            try Data(body().utf8).write(to: URL(fileURLWithPath: file))
            arguments = ["edit", random.pick(articles), "--body-file", file]
        } else if roll < 50 {
            arguments = ["edit", random.pick(articles), "--source", "https://example.org/\(unique())"]
        } else if roll < 64 {
            arguments = ["annotate", random.pick(articles), "--range", "0-4", "--note", text()]
        } else if roll < 82, !annotations.isEmpty {
            arguments = ["note", random.pick(annotations), "n\(unique()) \(text())"]
        } else if roll < 90, !annotations.isEmpty {
            arguments = ["rm", random.pick(annotations)]
        } else {
            arguments = ["rm", random.pick(articles)]
        }
        let result = try node.run(arguments)
        log("\(node.name): \(arguments.joined(separator: " ")) → \(result.status)")
        try require(result.status == 0, "\(node.name) refused an edit: \(result)")
        _ = try openConflicts(node)
    }

    // MARK: Syncs and counts

    /// The conflicts `node` lists, once `status` is seen to count exactly those.
    @discardableResult
    private func openConflicts(_ node: ReplicaNode) throws -> [ConflictDoc] {
        let listed = try node.conflicts()
        let counted = try node.status().conflicts
        try require(counted == listed.count, "\(node.name): status counts \(counted) conflicts, conflicts lists \(listed.count)")
        let ids = listed.map { "\($0.entity) \($0.field ?? "alive")" }
        try require(Set(ids).count == ids.count, "\(node.name) lists a conflict twice: \(ids)")
        return listed
    }

    /// `node` syncs with `peer`: its summary accounts for how its count moved.
    private func sync(_ node: ReplicaNode, with peer: ReplicaNode) throws {
        let before = try openConflicts(node).count
        let summary = try node.sync(peer.path)
        let after = try openConflicts(node).count
        log("\(node.name): sync \(peer.name) → \(summary.newConflicts) new, \(summary.settledConflicts) settled, \(after) open")
        try require(before + summary.newConflicts - summary.settledConflicts == after,
                    "\(node.name) had \(before) conflicts, its summary says \(summary.newConflicts) new and "
                        + "\(summary.settledConflicts) settled, and it has \(after)")
        _ = try openConflicts(peer)
        if node.path == watcher.path {
            watcherTally += summary.newConflicts - summary.settledConflicts
            try require(after == watcherTally, "the watcher has \(after) conflicts, its summaries add up to \(watcherTally)")
        }
    }

    /// Everyone with r0, twice (the first pass gathers everything in r0, the second
    /// hands it out), then the watcher: all hold the same state and count alike.
    private func finalRound() throws {
        for _ in 0..<2 {
            for node in nodes.dropFirst() { try sync(node, with: nodes[0]) }
        }
        try sync(watcher, with: nodes[0])
        let digests = try (nodes + [watcher]).map { try $0.digest() }
        try require(Set(digests).count == 1, "digests differ after the final round: \(digests)")
        let counts = try (nodes + [watcher]).map { try openConflicts($0).count }
        try require(Set(counts).count == 1 && counts[0] == watcherTally,
                    "conflict counts differ after the final round: \(counts), the watcher's summaries add up to \(watcherTally)")
    }

    // MARK: Resolving

    /// Settles every conflict `node` lists, each with a random choice that fits it.
    private func resolveEverything(on node: ReplicaNode) throws {
        var rounds = 0
        while let conflict = try openConflicts(node).first {
            rounds += 1
            try require(rounds <= 200, "\(node.name) is still resolving after 200 resolutions")
            try resolve(conflict, on: node)
        }
    }

    private func resolve(_ conflict: ConflictDoc, on node: ReplicaNode) throws {
        let target = [conflict.entity] + (conflict.field.map { [$0] } ?? [])
        let count = conflict.values?.count ?? 2
        var choices: [[String]] = [["--take", "\(random.int(1...count))"]]
        switch conflict.type {
        case "field":
            choices += [["--ours"], ["--theirs"], ["--merge"], ["--value", "v\(unique()) \(text())"]]
        default:
            choices += [["--keep"], ["--delete"]]
        }
        let choice = random.pick(choices)
        let result = try node.run(["resolve"] + target + choice)
        log("\(node.name): resolve \((target + choice).joined(separator: " ")) → \(result.status)")
        if result.status != 0 {
            // A choice that does not fit this conflict (--ours where this replica wrote
            // nothing, --theirs among several others, a merge that conflicts, a value not
            // of the field's type, --take without a field where fields are in conflict
            // too) is refused with nothing written; value 1 of a field, or --keep, always fits.
            try require([Exit.failure, Exit.usage, Exit.dataError].contains(result.status) && result.errorLines.count == 1,
                        "refused in an unexpected way: \(result)")
            let sure = conflict.field == nil ? ["--keep"] : ["--take", "1"]
            let fallback = try node.run(["resolve"] + target + sure)
            log("\(node.name): resolve \((target + sure).joined(separator: " ")) → \(fallback.status)")
            try require(fallback.status == 0, "\(sure.joined(separator: " ")) was refused: \(fallback)")
        }
    }
}
