import Foundation
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaStore

/// `scale` (`--scale N`, on demand: 35 minutes to an hour at 10 here): how each cost grows when the
/// replica is N times larger. Replicas of `--articles` articles (1x) and of N times as
/// many (Nx) are built the same way: the corpus written as text files slice by slice
/// (so that no size has to fit in this process), imported through the binary (timed),
/// every annotation created in process, then synced into a fresh replica over `exec:`
/// (timed). Then the short operations, as whole `marginalia` processes alternating
/// between the sizes run by run (so that a shared machine's load weighs on both
/// alike): `show` and one-article `annotations` of article 1, `status`, incremental
/// syncs after article 0's body (one annotated passage replaced by a rare word) and
/// ten notes are edited, `search` for that word, and `annotations --status orphaned`.
/// Medians of `runs` after a warm-up; peak memory from one more run under
/// `/usr/bin/time` (both sides of a sync). With `--work`, built replicas are kept and
/// a later run measures them again without building them (`Built`).
///
/// Bounds (issue 18): import and initial sync grow linearly (N ±20%), every other
/// operation at most 1.5x, and no command's peak memory at Nx reaches 150 MB.
enum ScaleBenchmark {
    static let flatGrowth = 1.5
    static let linearTolerance = 0.2
    static let peakBytes = 150 * 1_000_000
    static let runs = 7
    static let incrementalRuns = 5
    /// Planted in article 0 by the incremental edits; no corpus article has it.
    static let rareWord = "thuồng luồng"
    static let rareQuery = "thuong"

    /// What is measured, in the order it runs.
    enum Operation: String, CaseIterable {
        case `import` = "import"
        case initialSync = "sync, initial"
        case show = "show"
        case status = "status"
        case articleAnnotations = "annotations --article"
        case incrementalSync = "sync, incremental"
        case search = "search (rare word)"
        case orphaned = "annotations --status orphaned"

        /// Whether the cost may grow with the replica (the whole of it is written).
        var growsLinearly: Bool { self == .import || self == .initialSync }
    }

    /// One operation's time (median for repeated ones) and peak resident memory.
    struct Figure: Codable {
        var seconds: Double
        var peakBytes: Int?
    }

    /// The replicas of one size once built, and what the measurements after need of
    /// them; kept as `built.json` in their folder, so that a run with the same `--work`
    /// measures them again without building them again (35 minutes to an hour at 10x here).
    struct Built: Codable {
        var articles: Int
        var folder: String
        var source: String
        var copy: String
        /// Article 0, whose body the incremental edits change, and article 1, which `show` shows.
        var edited: String
        var shown: String
        var shownTitle: String
        /// The annotations whose notes the incremental edits change.
        var notes: [String]
        var importFigure: Figure
        var initialSync: Figure

        var name: String { "scale \(Format.count(articles))" }
        func path(_ file: String) -> String { URL(fileURLWithPath: folder).appendingPathComponent(file).path }
    }

    static func run(_ session: Session) throws {
        let factor = session.options.scale ?? 10
        let sizes = [session.options.articles, session.options.articles * factor]
        var built: [Built] = []
        for articles in sizes {
            say("")
            built.append(try build(session, articles: articles))
        }
        // The short operations alternate between the sizes, run by run, so that the
        // load of a shared machine weighs on both alike.
        say("")
        let figures = try measure(session, built)
        say("")
        say(table(figures[0], figures[1], sizes: sizes, factor: factor, session: session))
    }

    /// The table of both sizes and their growth, each bound checked; also recorded for the summary.
    static func table(
        _ small: [Operation: Figure], _ large: [Operation: Figure], sizes: [Int], factor: Int, session: Session
    ) -> String {
        var rows: [ResultRow] = []
        let linear = "\(Format.fixed(Double(factor) * (1 - linearTolerance), 1))-"
            + "\(Format.fixed(Double(factor) * (1 + linearTolerance), 1))x"
        for operation in Operation.allCases {
            guard let before = small[operation], let after = large[operation] else { continue }
            let growth = after.seconds / before.seconds
            let met = operation.growsLinearly
                ? abs(growth - Double(factor)) <= Double(factor) * linearTolerance : growth <= flatGrowth
            rows.append(ResultRow(
                name: operation.rawValue, ours: time(before.seconds), baseline: time(after.seconds),
                ratio: Format.fixed(growth, 2) + "x", target: operation.growsLinearly ? linear : "≤ \(flatGrowth)x",
                met: met))
        }
        for operation in Operation.allCases {
            guard let before = small[operation]?.peakBytes, let after = large[operation]?.peakBytes else { continue }
            rows.append(ResultRow(
                name: "peak RSS, " + operation.rawValue, ours: Format.mib(before), baseline: Format.mib(after),
                ratio: Format.fixed(Double(after) / Double(before), 2) + "x",
                target: "< \(peakBytes / 1_000_000) MB", met: after < peakBytes))
        }
        for row in rows {
            session.record(ResultRow(
                name: "scale: " + row.name, ours: row.ours, baseline: row.baseline, ratio: row.ratio, target: row.target,
                met: row.met))
        }
        let header = [
            "operation", "1x (\(Format.count(sizes[0])) art.)", "\(factor)x (\(Format.count(sizes[1])) art.)", "growth",
            "bound", "",
        ]
        let held = rows.filter { $0.met == true }.count
        return Summary.table(rows, title: "scale: \(held) of \(rows.count) bounds hold", header: header)
    }

    static func time(_ seconds: Double) -> String { seconds < 1 ? Format.ms(seconds) : Format.s(seconds) }

    /// Builds the replicas of one size, timing the import and the initial sync, or
    /// finds them built by an earlier run with the same `--work`.
    static func build(_ session: Session, articles count: Int) throws -> Built {
        let perArticle = session.options.annotationsPerArticle
        let seed = session.options.seed
        let name = "scale \(Format.count(count))"
        let folder = session.work.appendingPathComponent("scale-\(count)")
        let record = folder.appendingPathComponent("built.json")
        if let data = try? Data(contentsOf: record), let built = try? JSONDecoder().decode(Built.self, from: data) {
            say("\(name): built by an earlier run (\(record.path)): import and initial sync as measured then")
            return built
        }
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func path(_ file: String) -> String { folder.appendingPathComponent(file).path }

        let directory = folder.appendingPathComponent("articles")
        let bytes = try Measure.time {
            try slices(of: count).reduce(0) { total, range in
                let slice = Corpus.slice(seed: seed, articles: range, annotationsPerArticle: 0)
                return total + (try Corpus.writeTextFiles(of: slice.articles, count: count, to: directory).bytes)
            }
        }
        sync()  // so the kernel's write-back of these files does not overlap the timings
        say("\(name): wrote \(Format.count(count)) files, \(Format.mib(bytes.value)), in \(Format.s(bytes.seconds))")

        let source = path("source.db")
        try session.freshReplica(at: source)
        let imported = try ChildProcess.checked(
            session.marginalia, ["--db", source, "import", directory.path], output: .file(path("import.out")),
            errorFile: path("import.err"), measurePeakMemory: true)
        say("\(name): import \(Format.s(imported.seconds)), peak RSS \(Memory.text(imported.peakResidentBytes))")
        let articleIDs = try String(contentsOfFile: path("import.out"), encoding: .utf8).split(separator: "\n")
            .map(String.init)
        guard articleIDs.count == count else { throw BenchError("import printed \(articleIDs.count) ids for \(count) files") }
        try? FileManager.default.removeItem(at: directory)

        let (notes, created) = try annotate(source, articleIDs: articleIDs, session: session)
        say("\(name): created \(Format.count(count * perArticle)) annotations, one edit per slice, in \(Format.s(created)); "
            + "replica \(FileSizes.database(source))")

        let copy = path("copy.db")
        try session.freshReplica(at: copy)
        let initial = try syncOnce(session, source: source, copy: copy, in: folder, measurePeakMemory: true)
        say("\(name): initial sync \(Format.s(initial.figure.seconds)), peak RSS syncing \(Memory.text(initial.syncing)), "
            + "serving \(Memory.text(initial.serving)); \(initial.summary.text)")
        try SyncBenchmark.sameDigest(source, copy, session, label: "\(name) initial")

        let built = Built(
            articles: count, folder: folder.path, source: source, copy: copy, edited: articleIDs[0], shown: articleIDs[1],
            shownTitle: Corpus.article(seed: seed, index: 1).title, notes: notes,
            importFigure: Figure(seconds: imported.seconds, peakBytes: imported.peakResidentBytes),
            initialSync: initial.figure)
        try JSONEncoder().encode(built).write(to: record)
        return built
    }

    /// The short operations on every size, alternating between them run by run; then
    /// each once more under `/usr/bin/time` for its peak memory.
    static func measure(_ session: Session, _ built: [Built]) throws -> [[Operation: Figure]] {
        var figures = built.map { [Operation.import: $0.importFigure, .initialSync: $0.initialSync] }
        func command(_ operation: Operation, _ arguments: (Built) -> [String], expecting: (Built) -> String) throws {
            let measured = try alternating(session, built, arguments, expecting: expecting)
            for (index, figure) in measured.enumerated() {
                figures[index][operation] = figure
                say("\(built[index].name): \(operation.rawValue) \(Format.ms(figure.seconds)), "
                    + "peak RSS \(Memory.text(figure.peakBytes))")
            }
        }
        try command(.show, { ["show", $0.shown] }, expecting: { String($0.shownTitle.prefix { $0 != " " }) })
        try command(.status, { _ in ["status"] }, expecting: { String($0.articles * session.options.annotationsPerArticle) })
        try command(.articleAnnotations, { ["annotations", "--article", $0.shown, "--json"] }, expecting: \.shown)

        let seed = session.options.seed
        let edited = Corpus.article(seed: seed, index: 0)
        let body = orphaning(Corpus.annotations(on: edited, count: 1, seed: seed).first, in: edited.body)
        // Unique to this run, so that a run on replicas an earlier one built still changes every value.
        let nonce = String(Int(Date().timeIntervalSince1970))
        var times = built.map { _ in [Double]() }
        for run in 0...incrementalRuns {
            for (index, replicas) in built.enumerated() {
                let label = "\(run + 1) (\(nonce))"
                try edit(session, replicas, body: body + "\n\nSửa lần \(label) — \(rareWord).", label: label)
                // The last run is under /usr/bin/time, for the peaks only.
                let outcome = try syncOnce(
                    session, source: replicas.source, copy: replicas.copy, in: URL(fileURLWithPath: replicas.folder),
                    measurePeakMemory: run == incrementalRuns)
                guard outcome.summary.received == 1 + replicas.notes.count else {
                    throw BenchError("incremental sync received \(outcome.summary.received) changes, expected \(1 + replicas.notes.count)")
                }
                if run < incrementalRuns {
                    times[index].append(outcome.figure.seconds)
                } else {
                    figures[index][.incrementalSync] = Figure(seconds: Samples(times[index]).median, peakBytes: outcome.figure.peakBytes)
                    say("\(replicas.name): incremental sync \(Samples(times[index]).millisecondsSummary); peak RSS syncing "
                        + "\(Memory.text(outcome.syncing)), serving \(Memory.text(outcome.serving)); \(outcome.summary.text)")
                }
            }
        }
        for replicas in built { try SyncBenchmark.sameDigest(replicas.source, replicas.copy, session, label: "\(replicas.name) incremental") }

        try command(.search, { _ in ["search", rareQuery] }, expecting: { String($0.edited.prefix(8)) })
        try command(.orphaned, { _ in ["annotations", "--status", "orphaned"] }, expecting: { _ in "orphaned" })
        return figures
    }

    /// `body` with the words of `annotation` and 60 scalars on each side replaced by
    /// the rare word, so that the annotation is orphaned (its context gone too).
    static func orphaning(_ annotation: GeneratedAnnotation?, in body: String) -> String {
        guard let annotation else { return body + " " + rareWord }
        let scalars = Array(body.unicodeScalars)
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[..<max(0, annotation.start - 60)])
        text.append(contentsOf: " \(rareWord) ".unicodeScalars)
        text.append(contentsOf: scalars[min(scalars.count, annotation.end + 60)...])
        return String(text)
    }

    /// The article ranges of the corpus's slices, each small enough to hold.
    static func slices(of count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: 4096).map { $0..<min(count, $0 + 4096) }
    }

    /// Creates every annotation of the corpus, one `Replica.edit` per slice (one edit of a
    /// million annotations spills SQLite's page cache into the write-ahead log again and
    /// again: at 100,000 it took 30 times as long as 10,000); returns the ids of the
    /// first `SyncBenchmark.editedNotes` (on article 0 first) and the time taken.
    static func annotate(_ path: String, articleIDs: [String], session: Session) throws -> ([String], Double) {
        let replica = try Replica.open(at: path, creation: .never)
        let ids = try articleIDs.map { text -> EntityID in
            guard let id = EntityID(text) else { throw BenchError("'\(text)' is not an entity id") }
            return id
        }
        let (first, seconds) = try Measure.time {
            var first: [String] = []
            for range in slices(of: ids.count) {
                let slice = Corpus.slice(
                    seed: session.options.seed, articles: range, annotationsPerArticle: session.options.annotationsPerArticle)
                first += try replica.edit { editor in
                    var created: [String] = []
                    for annotation in slice.annotations {
                        let id = try editor.annotate(
                            ids[annotation.articleIndex], at: .quote(annotation.quote, occurrence: annotation.occurrence),
                            note: annotation.note, tags: try Tags.parse(annotation.tags))
                        if first.count + created.count < SyncBenchmark.editedNotes { created.append(id.description) }
                    }
                    return created
                }
            }
            return first
        }
        return (first, seconds)
    }

    /// `marginalia --db SOURCE ARGUMENTS` on each of `built`, checked once to print
    /// `expecting`, then timed: a warm-up and `runs` rounds, each running every size
    /// once in turn (medians); then once more under `/usr/bin/time` for its peak memory.
    static func alternating(
        _ session: Session, _ built: [Built], _ arguments: (Built) -> [String], expecting: (Built) -> String
    ) throws -> [Figure] {
        let commands = built.map { ["--db", $0.source] + arguments($0) }
        for (replicas, command) in zip(built, commands) {
            let output = replicas.path("command.out")
            _ = try ChildProcess.checked(session.marginalia, command, output: .file(output), errorFile: replicas.path("command.err"))
            guard try String(contentsOfFile: output, encoding: .utf8).contains(expecting(replicas)) else {
                throw BenchError("`marginalia \(command.joined(separator: " "))` does not print \(expecting(replicas))")
            }
        }
        var samples = built.map { _ in [Double]() }
        for round in 0...runs {
            for (index, command) in commands.enumerated() {
                let outcome = try ChildProcess.checked(session.marginalia, command, errorFile: built[index].path("command.err"))
                if round > 0 { samples[index].append(outcome.seconds) }
            }
        }
        return try zip(built, commands).enumerated().map { index, pair in
            let peak = try ChildProcess.checked(
                session.marginalia, pair.1, errorFile: pair.0.path("command.err"), measurePeakMemory: true)
            return Figure(seconds: Samples(samples[index]).median, peakBytes: peak.peakResidentBytes)
        }
    }

    /// One `marginalia --db COPY sync --json exec:'marginalia --db SOURCE serve --stdio'`
    /// process; with `measurePeakMemory`, each side under `/usr/bin/time`.
    static func syncOnce(_ session: Session, source: String, copy: String, in folder: URL, measurePeakMemory: Bool) throws
        -> (figure: Figure, summary: SummaryFigures, syncing: Int?, serving: Int?)
    {
        let servePeakPath = folder.appendingPathComponent("serve.maxrss").path
        try? FileManager.default.removeItem(atPath: servePeakPath)
        let time = measurePeakMemory ? "/usr/bin/time -f %M -o \(SyncBenchmark.quoted(servePeakPath)) " : ""
        let serve = time + "\(SyncBenchmark.quoted(session.marginalia)) --db \(SyncBenchmark.quoted(source)) serve --stdio"
        let output = folder.appendingPathComponent("sync.json").path
        let outcome = try ChildProcess.checked(
            session.marginalia, ["--db", copy, "sync", "--json", "exec:" + serve], output: .file(output),
            errorFile: folder.appendingPathComponent("sync.err").path, measurePeakMemory: measurePeakMemory)
        let serving = (try? String(contentsOfFile: servePeakPath, encoding: .utf8))?
            .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
        let peak = [outcome.peakResidentBytes, serving].compactMap { $0 }.max()
        let summary = try SummaryFigures.read(output)
        return (Figure(seconds: outcome.seconds, peakBytes: peak), summary, outcome.peakResidentBytes, serving)
    }

    /// The edited article's body replaced (`edit --body-file`) and each note rewritten, through the binary.
    static func edit(_ session: Session, _ built: Built, body: String, label: String) throws {
        let bodyPath = built.path("body.txt")
        let error = built.path("edit.err")
        try body.write(toFile: bodyPath, atomically: true, encoding: .utf8)
        _ = try ChildProcess.checked(
            session.marginalia, ["--db", built.source, "edit", built.edited, "--body-file", bodyPath], errorFile: error)
        for (index, note) in built.notes.enumerated() {
            _ = try ChildProcess.checked(
                session.marginalia, ["--db", built.source, "note", note, "ghi chú \(index) sửa lần \(label)"], errorFile: error)
        }
    }
}
