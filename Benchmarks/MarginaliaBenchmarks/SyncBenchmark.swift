import Foundation
import GRDB
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaStore

/// `sync`: a source replica holding the corpus (imported through the binary) and its
/// annotations (created in one `Replica.edit`), then
///
/// 1. initial sync: the whole `marginalia --db COPY sync --json exec:'marginalia --db
///    SOURCE serve --stdio'` process into a fresh replica, against the system `sqlite3`
///    copying a plain database of the same rows (`sqlite3 plain.db .dump | sqlite3
///    copy.db`). Afterwards `status --digest` must be equal, and `StateCopyFloor` times
///    SQLite writing parts of the state the sync wrote; the floor is the log and rows
///    plus the full-text indexes, summed, and the target ours ≤ 1.5x that floor.
/// 2. peak memory of each side of that sync, from `/usr/bin/time -f %M` around the
///    syncing process and inside the exec command around the serving one; target < 100 MB.
/// 3. incremental sync: one article body and ten notes edited on the source (through
///    the binary, untimed) before each of `incrementalRuns` timed syncs; median wall
///    < 100 ms, bytes sent plus received < 24 KB.
enum SyncBenchmark {
    static let targetFloorRatio = 1.5
    static let targetPeakBytes = 100 * 1_000_000
    static let targetIncrementalSeconds = 0.100
    static let targetIncrementalBytes = 24 * 1024
    static let incrementalRuns = 7
    static let editedNotes = 10

    static func run(_ session: Session) throws {
        let corpus = session.corpus
        let (sourcePath, articleIDs, annotationIDs) = try sourceReplica(session)

        // The baseline: the same rows in two plain tables.
        let plainPath = session.path("sync-plain.db")
        FileSizes.remove(database: plainPath)
        try plainDatabase(at: plainPath, corpus: corpus, articleIDs: articleIDs, annotationIDs: annotationIDs)
        say("sync: source replica \(FileSizes.database(sourcePath)); plain database \(FileSizes.database(plainPath))")

        // 1 and 2: the initial sync, each side under /usr/bin/time, and the baseline copy.
        let copyPath = session.path("sync-copy.db")
        let plainCopyPath = session.path("sync-plain-copy.db")
        let serveMemoryPath = session.path("sync-serve.maxrss")
        let outputPath = session.path("sync-initial.json")
        let errorPath = session.path("sync-initial.err")
        sync()  // so write-back of the files just built does not overlap the timings

        FileSizes.remove(database: plainCopyPath)
        let baselineCommand = "sqlite3 \(quoted(plainPath)) .dump | sqlite3 \(quoted(plainCopyPath))"
        let baseline = try ChildProcess.checked(
            "/bin/sh", ["-c", "set -e; " + baselineCommand], errorFile: session.path("sync-baseline.err"))
        try checkPlainCopy(plainCopyPath, corpus: corpus)
        say("sync: baseline `\(baselineCommand)` \(Format.s(baseline.seconds)) (user \(Format.s(baseline.userSeconds)), "
            + "sys \(Format.s(baseline.systemSeconds)))")

        try session.freshReplica(at: copyPath)
        try? FileManager.default.removeItem(atPath: serveMemoryPath)
        let serve = "/usr/bin/time -f %M -o \(quoted(serveMemoryPath)) \(quoted(session.marginalia)) "
            + "--db \(quoted(sourcePath)) serve --stdio"
        let ours = try ChildProcess.checked(
            session.marginalia, ["--db", copyPath, "sync", "--json", "exec:" + serve],
            output: .file(outputPath), errorFile: errorPath, measurePeakMemory: true)
        let initial = try SummaryFigures.read(outputPath)
        let servePeak = (try? String(contentsOfFile: serveMemoryPath, encoding: .utf8))?
            .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { $0 * 1024 }
        say("sync: initial ours \(Format.s(ours.seconds)) (user \(Format.s(ours.userSeconds)), sys "
            + "\(Format.s(ours.systemSeconds)) of the syncing process); \(initial.text)")
        try sameDigest(sourcePath, copyPath, session, label: "initial")
        let ratio = ours.seconds / baseline.seconds
        say("sync: copy replica \(FileSizes.database(copyPath)); baseline copy \(FileSizes.database(plainCopyPath))")
        say("sync: peak RSS syncing process \(Memory.text(ours.peakResidentBytes)), serving process \(Memory.text(servePeak))")
        say("sync: initial ours \(Format.fixed(ours.seconds, 2)) s, baseline \(Format.fixed(baseline.seconds, 2)) s, "
            + "ratio \(Format.fixed(ratio, 2))")
        let size = "\(Format.count(corpus.articles.count)) art., \(Format.count(annotationIDs.count)) ann."
        session.record(ResultRow(
            name: "sync initial (\(size))", ours: Format.s(ours.seconds), baseline: Format.s(baseline.seconds),
            ratio: Format.fixed(ratio, 2) + "x", target: "", met: nil))
        session.record(ResultRow(
            name: "sync initial wire bytes", ours: Format.mib(initial.bytes), baseline: "", ratio: "", target: "", met: nil))
        var floors: [StateCopyFloor.Part: Double] = [:]
        for part in StateCopyFloor.Part.allCases {
            sync()
            let floor = try StateCopyFloor.measure(part, replica: copyPath, session: session)
            floors[part] = floor.seconds
            let floorRatio = floor.seconds / baseline.seconds
            say("sync: floor, the sqlite3 shell writing \(part.label): "
                + "\(Format.s(floor.seconds)), ratio \(Format.fixed(floorRatio, 2))")
            session.record(ResultRow(
                name: "  floor: \(part.label)", ours: Format.s(floor.seconds), baseline: Format.s(baseline.seconds),
                ratio: Format.fixed(floorRatio, 2) + "x", target: "", met: nil))
        }
        // The whole state the sync wrote: its log and rows, and its full-text indexes.
        let floor = floors[.logAndRows, default: .nan] + floors[.fullText, default: .nan]
        let floorRatio = ours.seconds / floor
        say("sync: initial ours \(Format.fixed(ours.seconds, 2)) s, floor (log and rows + full-text indexes) "
            + "\(Format.fixed(floor, 2)) s, ratio \(Format.fixed(floorRatio, 2))")
        session.record(ResultRow(
            name: "sync initial vs the floor (log and rows + full-text)", ours: Format.s(ours.seconds),
            baseline: Format.s(floor), ratio: Format.fixed(floorRatio, 2) + "x",
            target: "≤ \(Format.fixed(targetFloorRatio, 1))x", met: floorRatio <= targetFloorRatio))
        for (side, bytes) in [("syncing", ours.peakResidentBytes), ("serving", servePeak)] {
            session.record(ResultRow(
                name: "sync initial peak RSS, \(side)", ours: Memory.text(bytes), baseline: "", ratio: "",
                target: "< 100 MB", met: bytes.map { $0 < targetPeakBytes }))
        }

        // 3: incremental syncs, re-editing on the source before each.
        let serveCommand = "\(quoted(session.marginalia)) --db \(quoted(sourcePath)) serve --stdio"
        let syncArguments = ["--db", copyPath, "sync", "--json", "exec:" + serveCommand]
        var times: [Double] = []
        var figures: [SummaryFigures] = []
        let incrementalOutput = session.path("sync-incremental.json")
        for run in 0..<incrementalRuns {
            try editForIncrementalSync(session, source: sourcePath, articleIDs: articleIDs, annotationIDs: annotationIDs, run: run)
            let outcome = try ChildProcess.checked(
                session.marginalia, syncArguments, output: .file(incrementalOutput), errorFile: errorPath)
            let summary = try SummaryFigures.read(incrementalOutput)
            guard summary.received == 1 + editedNotes else {
                throw BenchError("incremental sync received \(summary.received) changes, expected \(1 + editedNotes)")
            }
            times.append(outcome.seconds)
            figures.append(summary)
            say("sync: incremental run \(run + 1) \(Format.ms(outcome.seconds)) (user \(Format.ms(outcome.userSeconds)), "
                + "sys \(Format.ms(outcome.systemSeconds))); \(summary.text)")
        }
        try sameDigest(sourcePath, copyPath, session, label: "incremental")
        // Floors: a sync with nothing to exchange, and the process alone.
        let noop = try Measure.samples(runs: 5) {
            _ = try ChildProcess.checked(session.marginalia, syncArguments, errorFile: errorPath)
        }
        let help = try Measure.samples(runs: 5) {
            _ = try ChildProcess.checked(session.marginalia, ["--help"], errorFile: errorPath)
        }
        let incremental = Samples(times)
        let bytes = Samples(figures.map { Double($0.bytes) }).median
        say("sync: incremental \(incremental.millisecondsSummary); wire bytes median \(Format.count(Int(bytes)))")
        say("sync: with nothing to exchange \(noop.millisecondsSummary); `marginalia --help` \(help.millisecondsSummary)")
        session.record(ResultRow(
            name: "sync incremental (1 body + \(editedNotes) notes), process", ours: Format.ms(incremental.median),
            baseline: "", ratio: "", target: "< \(Format.ms(targetIncrementalSeconds))",
            met: incremental.median < targetIncrementalSeconds))
        session.record(ResultRow(
            name: "sync incremental bytes sent + received", ours: "\(Format.count(Int(bytes))) B", baseline: "",
            ratio: "", target: "< \(Format.count(targetIncrementalBytes)) B", met: Int(bytes) < targetIncrementalBytes))
        session.record(ResultRow(
            name: "sync with nothing to exchange, process", ours: Format.ms(noop.median), baseline: "", ratio: "",
            target: "", met: nil))
    }

    /// Changes article 0's body and the first `editedNotes` notes on `source` through the
    /// binary (untimed): what each incremental sync then carries, new again for each `run`.
    static func editForIncrementalSync(
        _ session: Session, source: String, articleIDs: [String], annotationIDs: [String], run: Int
    ) throws {
        let bodyPath = session.path("sync-body.txt")
        try (session.corpus.articles[0].body + "\n\nSửa lần \(run + 1) — thêm một câu.").write(
            toFile: bodyPath, atomically: true, encoding: .utf8)
        let editError = session.path("sync-edit.err")
        _ = try ChildProcess.checked(
            session.marginalia, ["--db", source, "edit", articleIDs[0], "--body-file", bodyPath], errorFile: editError)
        for (index, note) in annotationIDs.prefix(editedNotes).enumerated() {
            _ = try ChildProcess.checked(
                session.marginalia, ["--db", source, "note", note, "ghi chú \(index) sửa lần \(run + 1)"],
                errorFile: editError)
        }
    }

    /// A replica holding the corpus and all its annotations; returns its path and the
    /// ids of the articles (corpus order) and annotations (corpus order).
    static func sourceReplica(_ session: Session) throws -> (String, [String], [String]) {
        let corpus = session.corpus
        let directory = session.path("articles")
        if !FileManager.default.fileExists(atPath: directory) {
            try corpus.writeTextFiles(to: URL(fileURLWithPath: directory))
        }
        let path = session.path("sync-source.db")
        try session.freshReplica(at: path)
        let idsPath = session.path("sync-import.out")
        let imported = try ChildProcess.checked(
            session.marginalia, ["--db", path, "import", directory], output: .file(idsPath),
            errorFile: session.path("sync-import.err"))
        let articleIDs = try String(contentsOfFile: idsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        guard articleIDs.count == corpus.articles.count else {
            throw BenchError("import printed \(articleIDs.count) ids for \(corpus.articles.count) articles")
        }
        let entityIDs = try articleIDs.map { text -> EntityID in
            guard let id = EntityID(text) else { throw BenchError("'\(text)' is not an entity id") }
            return id
        }
        let replica = try Replica.open(at: path, creation: .never)
        let (annotationIDs, seconds) = try Measure.time {
            try replica.edit { editor in
                try corpus.annotations.map { annotation in
                    try editor.annotate(
                        entityIDs[annotation.articleIndex],
                        at: .quote(annotation.quote, occurrence: annotation.occurrence),
                        note: annotation.note, tags: try Tags.parse(annotation.tags)).description
                }
            }
        }
        say("sync: source replica: imported in \(Format.s(imported.seconds)), \(Format.count(annotationIDs.count)) "
            + "annotations created in \(Format.s(seconds))")
        return (path, articleIDs, annotationIDs)
    }

    /// `articles (id, title, body)` and `annotations (id, article, quote, note)`, the same
    /// ids as text, one transaction, rollback journal (what `sqlite3` creates by default).
    static func plainDatabase(
        at path: String, corpus: Corpus, articleIDs: [String], annotationIDs: [String]
    ) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
                CREATE TABLE annotations (id TEXT PRIMARY KEY, article TEXT NOT NULL, quote TEXT NOT NULL,
                                          note TEXT NOT NULL);
                """)
            let article = try db.makeStatement(sql: "INSERT INTO articles VALUES (?, ?, ?)")
            for (index, generated) in corpus.articles.enumerated() {
                article.setUncheckedArguments([articleIDs[index], generated.title, generated.body])
                try article.execute()
            }
            let annotation = try db.makeStatement(sql: "INSERT INTO annotations VALUES (?, ?, ?, ?)")
            for (index, generated) in corpus.annotations.enumerated() {
                annotation.setUncheckedArguments(
                    [annotationIDs[index], articleIDs[generated.articleIndex], generated.quote, generated.note])
                try annotation.execute()
            }
        }
    }

    static func checkPlainCopy(_ path: String, corpus: Corpus) throws {
        let queue = try DatabaseQueue(path: path)
        let (articles, annotations) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? -1,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM annotations") ?? -1)
        }
        guard articles == corpus.articles.count, annotations == corpus.annotations.count else {
            throw BenchError("the baseline copy holds \(articles) articles and \(annotations) annotations")
        }
    }

    static func sameDigest(_ first: String, _ second: String, _ session: Session, label: String) throws {
        var digests: [String] = []
        for path in [first, second] {
            let output = session.path("sync-digest.out")
            _ = try ChildProcess.checked(
                session.marginalia, ["--db", path, "status", "--digest"], output: .file(output),
                errorFile: session.path("sync-digest.err"))
            digests.append(try String(contentsOfFile: output, encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard digests[0] == digests[1], !digests[0].isEmpty else {
            throw BenchError("after the \(label) sync the digests differ: \(digests[0]) vs \(digests[1])")
        }
        say("sync: after the \(label) sync both replicas have digest \(digests[0])")
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The figures of `sync --json`'s summary.
struct SummaryFigures {
    var sent: Int
    var received: Int
    var bytesSent: Int
    var bytesReceived: Int
    var seconds: Double
    var bytes: Int { bytesSent + bytesReceived }

    var text: String {
        "changes sent \(sent), received \(received); bytes sent \(Format.count(bytesSent)), received "
            + "\(Format.count(bytesReceived)); session \(Format.ms(seconds))"
    }

    static func read(_ path: String) throws -> SummaryFigures {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        // The summary is the last JSON object printed.
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let sent = object["sent"] as? Int, let received = object["received"] as? Int,
            let bytesSent = object["bytes_sent"] as? Int, let bytesReceived = object["bytes_received"] as? Int
        else { throw BenchError("`sync --json` printed no summary: \(line)") }
        return SummaryFigures(
            sent: sent, received: received, bytesSent: bytesSent, bytesReceived: bytesReceived,
            seconds: (object["seconds"] as? Double) ?? (object["seconds"] as? Int).map(Double.init) ?? .nan)
    }
}
