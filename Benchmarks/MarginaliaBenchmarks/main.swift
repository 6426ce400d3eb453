// marginalia-bench: times the release `marginalia` binary and the store against
// baselines run in the same process, and prints `name: ours X, baseline Y, ratio Z`
// lines and a summary table. Run with `make bench` (BENCH_ARGS="--articles 2000 ...").
import Foundation
import MarginaliaPostgresCluster

func main() -> Int32 {
    let options: Options
    do {
        options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
        FileHandle.standardError.write(Data("marginalia-bench: \(error)\n\n\(Options.usage)\n".utf8))
        return 64
    }
    let marginalia = options.marginalia ?? BinaryLocation.siblingMarginalia()
    guard FileManager.default.isExecutableFile(atPath: marginalia) else {
        FileHandle.standardError.write(Data(
            "marginalia-bench: no marginalia binary at \(marginalia); build it with `swift build -c release`\n".utf8))
        return 66
    }
    let work: URL
    if let path = options.work {
        work = URL(fileURLWithPath: path)
    } else {
        work = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-bench-\(UUID().uuidString)")
    }
    do {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    } catch {
        FileHandle.standardError.write(Data("marginalia-bench: cannot create \(work.path): \(error)\n".utf8))
        return 73
    }
    defer { if options.work == nil { try? FileManager.default.removeItem(at: work) } }

    say(Machine.header())
    say("binary: \(marginalia); work: \(work.path)\(options.work == nil ? " (removed at the end)" : "")")
    let session = Session(options: options, work: work, marginalia: marginalia)
    let benchmarks: [(String, (Session) throws -> Void)] = [
        ("import", ImportBenchmark.run),
        ("show", ShowBenchmark.run),
        ("reanchor", ReanchorBenchmark.run),
        ("status", StatusBenchmark.run),
        ("sync", SyncBenchmark.run),
        ("sync-tls", TLSSyncBenchmark.run),
        ("hub", HubSyncBenchmark.run),
        ("hub-push", HubPushBenchmark.run),
        ("scale", ScaleBenchmark.run),
    ]
    var failed = false
    for (name, run) in benchmarks where options.runs(name) {
        say("")
        // The hub's benchmarks start a PostgreSQL cluster of their own: without the
        // server installed they are skipped by default, and fail when asked for by name.
        if Benchmark.needingPostgreSQL.contains(name), options.only == nil {
            do {
                _ = try PostgresCluster.serverBinaries()
            } catch {
                say("\(name): skipped: \(error)")
                continue
            }
        }
        do {
            try run(session)
        } catch {
            say("\(name): FAILED: \(error)")
            failed = true
        }
    }
    say("")
    say(Summary.table(session.results))
    return failed ? 1 : 0
}

enum BinaryLocation {
    /// `marginalia` in the folder of this executable (`.build/release/`).
    static func siblingMarginalia() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("marginalia").path
    }
}

/// Prints one line at once, unbuffered, so progress shows as it happens even through a pipe.
func say(_ line: String = "") {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

exit(main())
