import Foundation

/// `sync-tls`: the initial sync of the corpus over `tls://` on loopback, against the same
/// sync over plaintext TCP (`--insecure`) in the same run: two servers on the one source
/// replica, each client a fresh replica proving the same token (so both pay the same
/// HMAC exchange, and only TLS differs); runs alternate, and the medians give the
/// ratio, target ≤ 1.15x. Then the handshake: a sync with nothing to exchange over
/// each, repeated; the difference of the medians is what TLS adds to a connection (its
/// handshake, both certificates checked), target < 20 ms.
enum TLSSyncBenchmark {
    static let targetRatio = 1.15
    static let targetHandshakeSeconds = 0.020
    static let initialRuns = 3
    static let noopRuns = 15

    static func run(_ session: Session) throws {
        let (sourcePath, _, _) = try SyncBenchmark.sourceReplica(session)
        let token = session.path("sync-tls.token")
        try? FileManager.default.removeItem(atPath: token)
        _ = try ChildProcess.checked(
            session.marginalia, ["--db", sourcePath, "token", "new", token], errorFile: session.path("sync-tls-token.err"))
        let tls = try Server(session, source: sourcePath, token: token, insecure: false)
        defer { tls.stop() }
        let plain = try Server(session, source: sourcePath, token: token, insecure: true)
        defer { plain.stop() }
        let modes: [(label: String, server: Server, extra: [String])] = [
            ("plaintext", plain, ["--insecure"]), ("TLS", tls, []),
        ]

        var times: [String: [Double]] = [:]
        let copyPath = session.path("sync-tls-copy.db")
        let outputPath = session.path("sync-tls.json")
        let errorPath = session.path("sync-tls.err")
        for run in 1...initialRuns {
            for mode in modes {
                try session.freshReplica(at: copyPath)
                sync()  // so write-back of the last copy does not overlap this one
                let outcome = try ChildProcess.checked(
                    session.marginalia,
                    ["--db", copyPath, "sync", "--json", mode.server.target, "--token-file", token] + mode.extra,
                    output: .file(outputPath), errorFile: errorPath)
                let figures = try SummaryFigures.read(outputPath)
                say("sync-tls: initial run \(run) over \(mode.label) \(Format.s(outcome.seconds)) (user "
                    + "\(Format.s(outcome.userSeconds)), sys \(Format.s(outcome.systemSeconds))); \(figures.text)")
                times[mode.label, default: []].append(outcome.seconds)
            }
            try SyncBenchmark.sameDigest(sourcePath, copyPath, session, label: "TLS initial")
        }
        let ours = Samples(times["TLS"]!).median
        let baseline = Samples(times["plaintext"]!).median
        let ratio = ours / baseline
        say("sync-tls: initial over TLS \(Format.s(ours)), plaintext \(Format.s(baseline)), ratio \(Format.fixed(ratio, 2))")
        session.record(ResultRow(
            name: "sync initial over TLS vs plaintext (\(Format.count(session.corpus.articles.count)) art.)",
            ours: Format.s(ours), baseline: Format.s(baseline), ratio: Format.fixed(ratio, 2) + "x",
            target: "≤ \(Format.fixed(targetRatio, 2))x", met: ratio <= targetRatio))

        // The copy now holds everything (and trusts the TLS server, paired above): every
        // further sync exchanges nothing, so what differs is the connection.
        var noop: [String: Samples] = [:]
        for mode in modes {
            let arguments = ["--db", copyPath, "sync", mode.server.target, "--token-file", token] + mode.extra
            noop[mode.label] = try Measure.samples(runs: noopRuns) {
                _ = try ChildProcess.checked(session.marginalia, arguments, errorFile: errorPath)
            }
            say("sync-tls: nothing to exchange over \(mode.label) \(noop[mode.label]!.millisecondsSummary)")
        }
        let handshake = noop["TLS"]!.median - noop["plaintext"]!.median
        say("sync-tls: handshake (TLS minus plaintext, medians) \(Format.ms(handshake))")
        session.record(ResultRow(
            name: "TLS handshake (no-op sync, TLS − plaintext)", ours: Format.ms(handshake),
            baseline: Format.ms(noop["plaintext"]!.median), ratio: "", target: "< \(Format.ms(targetHandshakeSeconds))",
            met: handshake < targetHandshakeSeconds))
    }

    /// `marginalia --db SOURCE serve --listen 127.0.0.1:0 --token-file T [--insecure]`,
    /// until `stop`.
    final class Server {
        let process = Process()
        private(set) var target = ""

        init(_ session: Session, source: String, token: String, insecure: Bool) throws {
            let log = session.path("sync-tls-serve-\(insecure ? "plain" : "tls").err")
            FileManager.default.createFile(atPath: log, contents: nil)
            process.executableURL = URL(fileURLWithPath: session.marginalia)
            process.arguments = ["--db", source, "serve", "--listen", "127.0.0.1:0", "--token-file", token]
                + (insecure ? ["--insecure"] : [])
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            try process.run()
            let prefix = "serving \(source) on 127.0.0.1:"
            for _ in 0..<500 {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                    target = "tcp://127.0.0.1:" + line.dropFirst(prefix.count)
                    return
                }
                guard process.isRunning else { break }
                usleep(20_000)
            }
            throw BenchError("the server did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
