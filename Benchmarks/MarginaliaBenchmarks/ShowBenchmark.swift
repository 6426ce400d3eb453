import Foundation
import MarginaliaCore
import MarginaliaCorpus
import MarginaliaStore

/// `show`: one article with 500 annotations. Times the whole `marginalia --db R show
/// ID` process (median of 10 after a warm-up) and the in-process
/// `Replica.articleDetail` call (median of 100). Target: under 20 ms.
enum ShowBenchmark {
    static let annotationCount = 500
    static let targetSeconds = 0.020

    static func run(_ session: Session) throws {
        let path = session.path("show.db")
        let article = Corpus.article(seed: session.options.seed, index: 0)
        let annotations = Corpus.annotations(on: article, count: annotationCount, seed: session.options.seed)
        // Built through a connection closed before the timings, as after any `import`
        // or `annotate`: closing folds the write-ahead log back into the file, which a
        // fresh process would otherwise read through.
        let (id, buildSeconds) = try {
            let built = try AnnotatedArticle(at: path, article: article, annotations: annotations)
            return (built.id, built.seconds)
        }()
        say("show: article of \(Format.count(article.body.utf8.count)) bytes with \(annotationCount) annotations "
            + "built in \(Format.s(buildSeconds))")

        // Check once that the process shows every annotation, then time it.
        let outputPath = session.path("show.out")
        let errorPath = session.path("show.err")
        let arguments = ["--db", path, "show", id.rawValue]
        _ = try ChildProcess.checked(session.marginalia, arguments, output: .file(outputPath), errorFile: errorPath)
        let shown = try String(contentsOfFile: outputPath, encoding: .utf8)
        guard shown.contains("[\(annotationCount)] ") else {
            throw BenchError("`show` did not list \(annotationCount) annotations")
        }
        let process = try Measure.samples(runs: 10) {
            _ = try ChildProcess.checked(session.marginalia, arguments, errorFile: errorPath)
        }
        let json = try Measure.samples(runs: 10) {
            _ = try ChildProcess.checked(session.marginalia, arguments + ["--json"], errorFile: errorPath)
        }
        // The floor any command pays: start the process, parse, print help, exit.
        let floor = try Measure.samples(runs: 10) {
            _ = try ChildProcess.checked(session.marginalia, ["--help"], errorFile: errorPath)
        }

        var detail: ArticleDetail?
        let replica = try Replica.open(at: path, creation: .never)
        let inProcess = try Measure.samples(runs: 100) { detail = try replica.articleDetail(id) }
        guard detail?.annotations.count == annotationCount else {
            throw BenchError("articleDetail returned \(detail?.annotations.count ?? 0) annotations")
        }
        // What a fresh process does before rendering: open, resolve the id, read (cold statement caches).
        let cold = try Measure.samples(warmups: 0, runs: 10) {
            let fresh = try Replica.open(at: path, creation: .never)
            _ = try fresh.articleDetail(try fresh.resolve(id.rawValue).id)
        }

        say("show: process \(process.millisecondsSummary), \(Format.count(shown.utf8.count)) bytes of output")
        say("show: process --json \(json.millisecondsSummary)")
        say("show: process floor (`marginalia --help`) \(floor.millisecondsSummary)")
        say("show: in-process articleDetail \(inProcess.millisecondsSummary)")
        say("show: in-process open + resolve + articleDetail, fresh Replica each time \(cold.millisecondsSummary)")
        say("show: ours \(Format.ms(process.median)) (process), \(Format.ms(inProcess.median)) (articleDetail); "
            + "target < \(Format.ms(targetSeconds))")
        session.record(ResultRow(
            name: "show (500 annotations), process", ours: Format.ms(process.median),
            baseline: "floor \(Format.ms(floor.median))", ratio: "", target: "< \(Format.ms(targetSeconds))",
            met: process.median < targetSeconds))
        session.record(ResultRow(
            name: "show --json, process", ours: Format.ms(json.median), baseline: "", ratio: "",
            target: "< \(Format.ms(targetSeconds))", met: json.median < targetSeconds))
        session.record(ResultRow(
            name: "open + resolve + articleDetail, in process", ours: Format.ms(cold.median), baseline: "", ratio: "",
            target: "", met: nil))
        session.record(ResultRow(
            name: "Replica.articleDetail, in process", ours: Format.ms(inProcess.median), baseline: "", ratio: "",
            target: "< \(Format.ms(targetSeconds))", met: inProcess.median < targetSeconds))
    }
}

/// Tag names from the corpus as the store's `Tag`s.
enum Tags {
    static func parse(_ names: [String]) throws -> [Tag] {
        try names.map { name in
            guard let tag = Tag(name) else { throw BenchError("corpus tag '\(name)' is not a valid tag") }
            return tag
        }
    }
}
