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
        let tls = try server(session, source: sourcePath, token: token, insecure: false)
        defer { tls.stop() }
        let plain = try server(session, source: sourcePath, token: token, insecure: true)
        defer { plain.stop() }
        let modes: [(label: String, server: ServerProcess, extra: [String])] = [
            ("plaintext", plain, ["--insecure"]), ("TLS", tls, []),
        ]
        let syncs = AlternatingSyncs(session: session, name: "sync-tls", source: sourcePath)
        let times = try syncs.run(
            modes.map { .init(label: $0.label, arguments: [$0.server.target, "--token-file", token] + $0.extra) },
            runs: initialRuns)
        let copyPath = syncs.copyPath
        let errorPath = session.path("sync-tls.err")
        let ours = times["TLS"]!.median
        let baseline = times["plaintext"]!.median
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

    /// `marginalia --db SOURCE serve --listen 127.0.0.1:0 --token-file T [--insecure]`.
    static func server(_ session: Session, source: String, token: String, insecure: Bool) throws -> ServerProcess {
        try ServerProcess(
            session,
            ["--db", source, "serve", "--listen", "127.0.0.1:0", "--token-file", token] + (insecure ? ["--insecure"] : []),
            log: session.path("sync-tls-serve-\(insecure ? "plain" : "tls").err"), ready: "serving \(source) on ")
    }
}
