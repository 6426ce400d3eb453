import Foundation
import GRDB
import MarginaliaCore
import MarginaliaCorpus

/// What the benchmarks of one run share: options, the work folder, the binary under
/// test, the corpus (generated once), the imported replica, and the result rows.
final class Session {
    let options: Options
    let work: URL
    let marginalia: String
    private(set) var results: [ResultRow] = []
    private var generated: Corpus?

    /// The replica `import` produced (full corpus, no annotations yet) and the article
    /// ids in corpus order, for `status` to build on.
    var imported: (path: String, ids: [String])?

    init(options: Options, work: URL, marginalia: String) {
        self.options = options
        self.work = work
        self.marginalia = marginalia
    }

    var corpus: Corpus {
        if let generated { return generated }
        let (corpus, seconds) = Measure.time {
            Corpus(seed: options.seed, articles: options.articles, annotationsPerArticle: options.annotationsPerArticle)
        }
        say("corpus: seed \(options.seed), \(corpus.bodyStatistics), \(Format.count(corpus.annotations.count)) "
            + "annotations, fingerprint \(corpus.fingerprint), generated in \(Format.s(seconds))")
        // Everything the store keeps is NFC; a corpus that is not would measure normalization too.
        let notNFC = corpus.articles.filter { !TextNormalization.isNFC($0.title) || !TextNormalization.isNFC($0.body) }.count
            + corpus.annotations.filter { !TextNormalization.isNFC($0.quote) || !TextNormalization.isNFC($0.note) }.count
        if notNFC > 0 { say("corpus: WARNING: \(notNFC) texts are not in NFC") }
        generated = corpus
        return corpus
    }

    func path(_ name: String) -> String { work.appendingPathComponent(name).path }

    /// Replaces whatever is at `path` with a new, empty replica (`marginalia init`, not
    /// timed): `--db` never creates one, and the benchmarks time the work, not the creation.
    func freshReplica(at path: String) throws {
        FileSizes.remove(database: path)
        _ = try ChildProcess.checked(marginalia, ["--db", path, "init", "--name", "bench"], errorFile: self.path("init.err"))
    }

    func record(_ row: ResultRow) { results.append(row) }
}

/// One line of the final summary.
struct ResultRow {
    var name: String
    var ours: String
    var baseline: String
    var ratio: String
    var target: String
    /// Whether the target is met; nil when there is no target.
    var met: Bool?
}

/// The one-line description of the machine printed first.
enum Machine {
    static func header() -> String {
        let sqlite = (try? DatabaseQueue().read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") })
            .flatMap { $0 } ?? "?"
        let cpu = firstValue(in: "/proc/cpuinfo", key: "model name") ?? "?"
        let memory = firstValue(in: "/proc/meminfo", key: "MemTotal").map { kilobytes in
            let number = Double(kilobytes.split(separator: " ").first.map(String.init) ?? "") ?? 0
            return Format.fixed(number / 1_048_576, 1) + " GiB"
        } ?? "?"
        var system = utsname()
        uname(&system)
        let kernel = withUnsafeBytes(of: &system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "machine: nproc \(ProcessInfo.processInfo.activeProcessorCount), sqlite \(sqlite), \(cpu), "
            + "\(memory) RAM, Linux \(kernel)"
    }

    private static func firstValue(in file: String, key: String) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
