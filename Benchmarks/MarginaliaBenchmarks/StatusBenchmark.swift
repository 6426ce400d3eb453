import Foundation
import GRDB
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaStore

/// `status`: on the full corpus imported plus every corpus annotation (100,000 for
/// 20,000 articles x 5), created in one `Replica.edit` in process, times the whole
/// `marginalia --db R status` process (median of 10 after a warm-up).
/// Target: under 50 ms wall. Then `annotations --status orphaned` over the same
/// replica after one body edit: only the annotations of the edited article are placed.
enum StatusBenchmark {
    static let targetSeconds = 0.050

    static func run(_ session: Session) throws {
        let corpus = session.corpus
        let (path, ids) = try importedReplica(session)
        let replica = try Replica.open(at: path, creation: .never)
        let articleIDs = try ids.map { text -> EntityID in
            guard let id = EntityID(text) else { throw BenchError("'\(text)' is not an entity id") }
            return id
        }
        let (created, seconds) = try Measure.time {
            try replica.edit { editor in
                for annotation in corpus.annotations {
                    _ = try editor.annotate(
                        articleIDs[annotation.articleIndex],
                        at: .quote(annotation.quote, occurrence: annotation.occurrence),
                        note: annotation.note, tags: try Tags.parse(annotation.tags))
                }
                return corpus.annotations.count
            }
        }
        let rate = Double(created) / seconds
        say("status: created \(Format.count(created)) annotations in one edit in \(Format.s(seconds)) "
            + "(\(Format.count(Int(rate))) per second); replica \(FileSizes.database(path))")
        // The share of that spent anchoring: AnchorBuilder re-reads the whole body (scalars and
        // grapheme boundaries) for every annotation.
        let anchoring = try Measure.time {
            for annotation in corpus.annotations {
                let builder = AnchorBuilder(body: corpus.articles[annotation.articleIndex].body, revision: nil)
                let anchor = try builder.anchor(quote: annotation.quote, occurrence: annotation.occurrence)
                guard anchor.start == annotation.start, anchor.end == annotation.end else {
                    throw BenchError("AnchorBuilder put '\(annotation.quote)' at \(anchor.start), the corpus at \(annotation.start)")
                }
            }
        }.seconds
        say("status: of which anchoring alone (AnchorBuilder per annotation, in memory): \(Format.s(anchoring))")
        session.record(ResultRow(
            name: "create \(Format.count(created)) annotations, in process", ours: Format.s(seconds), baseline: "",
            ratio: "", target: "", met: nil))

        let errorPath = session.path("status.err")
        let outputPath = session.path("status.out")
        _ = try ChildProcess.checked(session.marginalia, ["--db", path, "status"], output: .file(outputPath), errorFile: errorPath)
        let shown = try String(contentsOfFile: outputPath, encoding: .utf8)
        guard shown.contains(String(created)) else {
            throw BenchError("`status` does not show \(created) annotations:\n\(shown)")
        }
        let process = try Measure.samples(runs: 10) {
            _ = try ChildProcess.checked(session.marginalia, ["--db", path, "status"], errorFile: errorPath)
        }
        let inProcess = try Measure.samples(runs: 20) { _ = try replica.status() }
        say("status: process \(process.millisecondsSummary)")
        say("status: in-process Replica.status \(inProcess.millisecondsSummary)")
        say("status: ours \(Format.ms(process.median)) (process); target < \(Format.ms(targetSeconds))")
        session.record(ResultRow(
            name: "status (\(Format.count(corpus.articles.count)) art., \(Format.count(created)) ann.), process",
            ours: Format.ms(process.median), baseline: "", ratio: "", target: "< \(Format.ms(targetSeconds))",
            met: process.median < targetSeconds))
        session.record(ResultRow(
            name: "Replica.status, in process", ours: Format.ms(inProcess.median), baseline: "", ratio: "",
            target: "", met: nil))

        let edited = articleIDs[corpus.annotations[0].articleIndex]
        try replica.edit { editor in
            try editor.editArticle(edited, body: "Một câu mở đầu mới. " + corpus.articles[corpus.annotations[0].articleIndex].body)
        }
        let orphans = ["--db", path, "annotations", "--status", "orphaned", "--json"]
        let orphaned = try Measure.samples(runs: 10) {
            _ = try ChildProcess.checked(session.marginalia, orphans, errorFile: errorPath)
        }
        let orphanedInProcess = try Measure.samples(runs: 20) { _ = try replica.annotations(status: .orphaned) }
        say("status: `annotations --status orphaned` after one edit, process \(orphaned.millisecondsSummary); "
            + "in process \(orphanedInProcess.millisecondsSummary)")
        session.record(ResultRow(
            name: "annotations --status orphaned (\(Format.count(created)) ann.), process",
            ours: Format.ms(orphaned.median), baseline: "status \(Format.ms(process.median))", ratio: "",
            target: "< \(Format.ms(targetSeconds))", met: orphaned.median < targetSeconds))
        session.record(ResultRow(
            name: "Replica.annotations(status: .orphaned), in process", ours: Format.ms(orphanedInProcess.median),
            baseline: "", ratio: "", target: "", met: nil))
    }

    /// The replica `import` left, or a fresh import of the corpus through the binary.
    static func importedReplica(_ session: Session) throws -> (path: String, ids: [String]) {
        if let imported = session.imported { return imported }
        let directory = session.path("articles")
        try? FileManager.default.removeItem(atPath: directory)
        try session.corpus.writeTextFiles(to: URL(fileURLWithPath: directory))
        let path = session.path("status.db")
        try session.freshReplica(at: path)
        let idsPath = session.path("status-import.out")
        let outcome = try ChildProcess.checked(
            session.marginalia, ["--db", path, "import", directory], output: .file(idsPath),
            errorFile: session.path("status-import.err"))
        say("status: imported the corpus in \(Format.s(outcome.seconds))")
        let ids = try String(contentsOfFile: idsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        session.imported = (path, ids)
        return (path, ids)
    }
}
