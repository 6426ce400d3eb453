import Foundation
import MarginaliaCorpus
import MarginaliaStore

/// `import`: the whole `marginalia --db R import DIR` process on a fresh replica,
/// against `SQLiteBaseline` reading and inserting the same files in this process.
/// Target: ours within 2x the baseline.
enum ImportBenchmark {
    static let targetRatio = 2.0

    static func run(_ session: Session) throws {
        let corpus = session.corpus
        let directory = session.path("articles")
        try? FileManager.default.removeItem(atPath: directory)
        let (written, writeSeconds) = try Measure.time { try corpus.writeTextFiles(to: URL(fileURLWithPath: directory)) }
        sync()  // so the kernel's write-back of these files does not overlap the timings
        say("import: wrote \(written.files.count) files, \(Format.mib(written.bytes)), in \(Format.s(writeSeconds))")

        let baselinePath = session.path("baseline.db")
        let replicaPath = session.path("import.db")
        let idsPath = session.path("import.out")
        var baselineTimes: [Double] = []
        var ourTimes: [Double] = []
        var ours: ChildProcess.Outcome?
        for run in 0..<session.options.importRuns {
            // Alternate which side goes first, so neither always finds the caches warmer.
            let order = run % 2 == 0 ? [false, true] : [true, false]
            for isOurs in order {
                if isOurs {
                    try session.freshReplica(at: replicaPath)
                    let outcome = try ChildProcess.checked(
                        session.marginalia, ["--db", replicaPath, "import", directory],
                        output: .file(idsPath), errorFile: session.path("import.err"), measurePeakMemory: true)
                    ourTimes.append(outcome.seconds)
                    ours = outcome
                    say("import: run \(run + 1) ours \(Format.s(outcome.seconds)) (user \(Format.s(outcome.userSeconds)), "
                        + "sys \(Format.s(outcome.systemSeconds)), peak RSS \(Memory.text(outcome.peakResidentBytes)))")
                } else {
                    FileSizes.remove(database: baselinePath)
                    let (rows, seconds) = try Measure.time { try SQLiteBaseline.importDirectory(directory, into: baselinePath) }
                    guard rows == corpus.articles.count else {
                        throw BenchError("baseline imported \(rows) rows, expected \(corpus.articles.count)")
                    }
                    baselineTimes.append(seconds)
                    say("import: run \(run + 1) baseline \(Format.s(seconds))")
                }
            }
        }

        let ids = try String(contentsOfFile: idsPath, encoding: .utf8).split(separator: "\n").map(String.init)
        guard ids.count == corpus.articles.count else {
            throw BenchError("marginalia import printed \(ids.count) ids for \(corpus.articles.count) files")
        }
        try check(replicaPath, ids: ids, corpus: corpus)
        session.imported = (replicaPath, ids)

        let ourMedian = Samples(ourTimes).median
        let baselineMedian = Samples(baselineTimes).median
        let ratio = ourMedian / baselineMedian
        say("import: replica \(FileSizes.database(replicaPath)), baseline database \(FileSizes.database(baselinePath))")
        say("import: peak RSS of the marginalia process \(Memory.text(ours?.peakResidentBytes))")
        say("import: ours \(Format.fixed(ourMedian, 2)) s, baseline \(Format.fixed(baselineMedian, 2)) s, "
            + "ratio \(Format.fixed(ratio, 2))")
        session.record(ResultRow(
            name: "import \(Format.count(corpus.articles.count)) articles", ours: Format.s(ourMedian),
            baseline: Format.s(baselineMedian), ratio: Format.fixed(ratio, 2) + "x",
            target: "≤ \(Format.fixed(targetRatio, 0))x", met: ratio <= targetRatio))
        session.record(ResultRow(
            name: "import peak RSS", ours: Memory.text(ours?.peakResidentBytes), baseline: "", ratio: "",
            target: "", met: nil))
    }

    /// Spot-checks that the replica holds the corpus: the count, and a few articles
    /// read back equal to what was generated.
    static func check(_ path: String, ids: [String], corpus: Corpus) throws {
        let replica = try Replica.open(at: path, creation: .never)
        let status = try replica.status()
        guard status.articles == corpus.articles.count else {
            throw BenchError("the imported replica holds \(status.articles) articles, expected \(corpus.articles.count)")
        }
        for index in Set([0, corpus.articles.count / 2, corpus.articles.count - 1]) {
            let article = try replica.articleDetail(try replica.resolve(ids[index], as: .article).id).article
            guard article.title == corpus.articles[index].title, article.body == corpus.articles[index].body else {
                throw BenchError("article \(index) reads back different from the generated one")
            }
        }
    }
}

enum Memory {
    static func text(_ bytes: Int?) -> String {
        bytes.map(Format.mib) ?? "n/a (no /usr/bin/time)"
    }
}
