import Foundation
import MarginaliaCorpus

/// The command line of `marginalia-bench`.
struct Options {
    var articles = 20_000
    var annotationsPerArticle = 5
    var seed = Corpus.defaultSeed
    /// Where files and replicas go; nil for a temporary folder removed at the end.
    var work: String?
    /// The benchmarks to run; nil for the default set.
    var only: [String]?
    /// How many times the import pair (baseline, ours) runs; the medians are reported.
    var importRuns = 1
    /// The `marginalia` binary; nil for the one next to this executable.
    var marginalia: String?
    /// The factor of `scale`'s larger replica (`--scale N`); nil when not asked for.
    var scale: Int?

    static let usage = """
        usage: marginalia-bench [--articles N] [--annotations-per-article N] [--seed N] [--work DIR]
                                [--only NAME[,NAME...]] [--import-runs N] [--marginalia PATH] [--scale N]

          --articles N                 corpus size (default 20000)
          --annotations-per-article N  annotations per article for `status` and `sync` (default 5)
          --seed N                     corpus seed (default \(Corpus.defaultSeed))
          --work DIR                   keep files and replicas in DIR (default: a temporary folder, removed after)
          --only NAMES                 run only these benchmarks: \(Benchmark.allNames.joined(separator: ", "))
                                       (default: \(Benchmark.defaultNames.joined(separator: ", ")))
          --import-runs N              repeat the import pair N times and report medians (default 1)
          --marginalia PATH            the binary to time (default: `marginalia` next to this executable)
          --scale N                    run `scale` (alone, unless --only says otherwise): every operation at
                                       --articles and at N times that, with the growth ratios (minutes at 10)
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var remaining = arguments[...]
        func value(_ name: String) throws -> String {
            guard let value = remaining.popFirst() else { throw UsageError("\(name) needs a value") }
            return value
        }
        func number(_ name: String, minimum: Int) throws -> Int {
            let text = try value(name)
            guard let number = Int(text), number >= minimum else {
                throw UsageError("\(name) needs an integer of at least \(minimum), not '\(text)'")
            }
            return number
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--articles": options.articles = try number(argument, minimum: 1)
            case "--annotations-per-article": options.annotationsPerArticle = try number(argument, minimum: 0)
            case "--seed":
                let text = try value(argument)
                guard let seed = UInt64(text) else { throw UsageError("--seed needs an unsigned integer") }
                options.seed = seed
            case "--work": options.work = try value(argument)
            case "--only":
                let names = try value(argument).split(separator: ",").map(String.init)
                for name in names where !Benchmark.allNames.contains(name) {
                    throw UsageError("unknown benchmark '\(name)'; known: \(Benchmark.allNames.joined(separator: ", "))")
                }
                options.only = names
            case "--import-runs": options.importRuns = try number(argument, minimum: 1)
            case "--marginalia": options.marginalia = try value(argument)
            case "--scale": options.scale = try number(argument, minimum: 2)
            case "-h", "--help", "help":
                say(usage)
                exit(0)
            default:
                throw UsageError("unknown argument '\(argument)'")
            }
        }
        return options
    }

    /// Whether benchmark `name` runs: `--scale` alone runs only `scale`, which is never
    /// run by default (it takes minutes at 10x).
    func runs(_ name: String) -> Bool {
        (only ?? (scale == nil ? Benchmark.defaultNames : ["scale"])).contains(name)
    }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum Benchmark {
    static let defaultNames = ["import", "show", "reanchor", "status", "sync", "sync-tls", "hub", "hub-push"]
    static let allNames = defaultNames + ["scale"]
    /// Those that start a throwaway PostgreSQL cluster (Debian's `postgresql` package).
    static let needingPostgreSQL = ["hub", "hub-push"]
}
