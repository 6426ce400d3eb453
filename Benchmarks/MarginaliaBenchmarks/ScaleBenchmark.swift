import Foundation
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaStore

/// `scale` (`--scale N`, on demand: minutes at 10): how each cost grows when the
/// replica is N times larger. The same operations run on a replica of `--articles`
/// articles (1x) and on one of N times as many (Nx), each built the same way: the
/// corpus written as text files slice by slice (so that no size has to fit in this
/// process), imported through the binary, every annotation created in process. Then, each as whole `marginalia` processes: `show` and one-article
/// `annotations` of article 1, `status`, the initial sync into a fresh replica over
/// `exec:`, incremental syncs after article 0's body (one annotated quote replaced by
/// a rare word) and ten notes are edited, `search` for that rare word, and
/// `annotations --status orphaned`. Read commands: median of `runs` after a warm-up;
/// peak memory: one more run under `/usr/bin/time` (both sides of a sync).
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
    struct Figure {
        var seconds: Double
        var peakBytes: Int?
    }

    static func run(_ session: Session) throws {
        let factor = session.options.scale ?? 10
        let small = session.options.articles
        let sizes = [small, small * factor]
        var figures: [[Operation: Figure]] = []
        for articles in sizes {
            say("")
            figures.append(try measure(session, articles: articles))
        }
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

    /// Builds the replicas of one size and measures every operation on them.
    static func measure(_ session: Session, articles count: Int) throws -> [Operation: Figure] {
        let perArticle = session.options.annotationsPerArticle
        let seed = session.options.seed
        let name = "scale \(Format.count(count))"
        let folder = session.work.appendingPathComponent("scale-\(count)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func path(_ file: String) -> String { folder.appendingPathComponent(file).path }
        var figures: [Operation: Figure] = [:]

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
        figures[.import] = Figure(seconds: imported.seconds, peakBytes: imported.peakResidentBytes)
        say("\(name): import \(Format.s(imported.seconds)), peak RSS \(Memory.text(imported.peakResidentBytes))")
        let articleIDs = try String(contentsOfFile: path("import.out"), encoding: .utf8).split(separator: "\n")
            .map(String.init)
        guard articleIDs.count == count else { throw BenchError("import printed \(articleIDs.count) ids for \(count) files") }

        let (notes, created) = try annotate(source, articleIDs: articleIDs, session: session)
        say("\(name): created \(Format.count(count * perArticle)) annotations, one edit per slice, in \(Format.s(created)); "
            + "replica \(FileSizes.database(source))")

        func command(_ operation: Operation, _ arguments: [String], expecting: String) throws {
            let figure = try timedCommand(session, ["--db", source] + arguments, expecting: expecting, in: folder)
            figures[operation] = figure
            say("\(name): \(operation.rawValue) \(Format.ms(figure.seconds)), peak RSS \(Memory.text(figure.peakBytes))")
        }
        let shown = articleIDs[1]
        let title = Corpus.article(seed: seed, index: 1).title
        try command(.show, ["show", shown], expecting: String(title.prefix { $0 != " " }))
        try command(.status, ["status"], expecting: String(count * perArticle))
        try command(.articleAnnotations, ["annotations", "--article", shown, "--json"], expecting: shown)

        let copy = path("copy.db")
        try session.freshReplica(at: copy)
        let initial = try syncOnce(session, source: source, copy: copy, in: folder, measurePeakMemory: true)
        figures[.initialSync] = initial.figure
        say("\(name): initial sync \(Format.s(initial.figure.seconds)), peak RSS syncing \(Memory.text(initial.syncing)), "
            + "serving \(Memory.text(initial.serving)); \(initial.summary.text)")
        try SyncBenchmark.sameDigest(source, copy, session, label: "\(name) initial")

        let edited = Corpus.article(seed: seed, index: 0)
        let body = orphaning(Corpus.annotations(on: edited, count: 1, seed: seed).first, in: edited.body)
        var times: [Double] = []
        for run in 0...incrementalRuns {
            let body = body + "\n\nSửa lần \(run + 1) — \(rareWord)."
            try edit(session, source: source, article: articleIDs[0], body: body, notes: notes, run: run, in: folder)
            // The last run is under /usr/bin/time, for the peaks only.
            let outcome = try syncOnce(session, source: source, copy: copy, in: folder, measurePeakMemory: run == incrementalRuns)
            guard outcome.summary.received == 1 + notes.count else {
                throw BenchError("incremental sync received \(outcome.summary.received) changes, expected \(1 + notes.count)")
            }
            if run < incrementalRuns {
                times.append(outcome.figure.seconds)
            } else {
                let peak = [outcome.syncing, outcome.serving].compactMap { $0 }.max()
                figures[.incrementalSync] = Figure(seconds: Samples(times).median, peakBytes: peak)
                say("\(name): incremental sync \(Samples(times).millisecondsSummary); peak RSS syncing "
                    + "\(Memory.text(outcome.syncing)), serving \(Memory.text(outcome.serving)); \(outcome.summary.text)")
            }
        }
        try SyncBenchmark.sameDigest(source, copy, session, label: "\(name) incremental")

        try command(.search, ["search", rareQuery], expecting: String(articleIDs[0].prefix(8)))
        try command(.orphaned, ["annotations", "--status", "orphaned"], expecting: "orphaned")
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

    /// `marginalia ARGUMENTS`, checked once to print `expecting`, then timed (median of
    /// `runs` after a warm-up), then once more under `/usr/bin/time` for its peak memory.
    static func timedCommand(_ session: Session, _ arguments: [String], expecting: String, in folder: URL) throws -> Figure {
        let output = folder.appendingPathComponent("command.out").path
        let error = folder.appendingPathComponent("command.err").path
        _ = try ChildProcess.checked(session.marginalia, arguments, output: .file(output), errorFile: error)
        guard try String(contentsOfFile: output, encoding: .utf8).contains(expecting) else {
            throw BenchError("`marginalia \(arguments.joined(separator: " "))` does not print \(expecting)")
        }
        let samples = try Measure.samples(runs: runs) {
            _ = try ChildProcess.checked(session.marginalia, arguments, errorFile: error)
        }
        let peak = try ChildProcess.checked(session.marginalia, arguments, errorFile: error, measurePeakMemory: true)
        return Figure(seconds: samples.median, peakBytes: peak.peakResidentBytes)
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

    /// Article `article`'s body replaced (`edit --body-file`) and each of `notes` rewritten, through the binary.
    static func edit(
        _ session: Session, source: String, article: String, body: String, notes: [String], run: Int, in folder: URL
    ) throws {
        let bodyPath = folder.appendingPathComponent("body.txt").path
        let error = folder.appendingPathComponent("edit.err").path
        try body.write(toFile: bodyPath, atomically: true, encoding: .utf8)
        _ = try ChildProcess.checked(session.marginalia, ["--db", source, "edit", article, "--body-file", bodyPath], errorFile: error)
        for (index, note) in notes.enumerated() {
            _ = try ChildProcess.checked(
                session.marginalia, ["--db", source, "note", note, "ghi chú \(index) sửa lần \(run + 1)"], errorFile: error)
        }
    }
}
