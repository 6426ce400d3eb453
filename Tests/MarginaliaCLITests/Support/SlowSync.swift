import Foundation
import Testing

/// A sync slow enough to interrupt by hand: the lab's sandbox replica, named desk (the
/// replica of every plain run and of the REPL), holds 5,000 articles, and `target` is an
/// `exec:` peer serving a new, empty replica `road` that reads desk's lines one every
/// 2 ms. The serving process writes its pid to `servedPid`, so a test can wait for its end.
struct SlowSync {
    let road: String
    let target: String
    let servedPid: String

    init(_ lab: SyncLab) throws {
        let sandbox = lab.sandbox
        try sandbox.ok("init", "--name", "desk")
        let folder = try lab.importFolder("many", count: 5_000) {
            (String(format: "%05d.txt", $0), "Bài \($0)\n\nNội dung của bài số \($0).\n")
        }
        try sandbox.ok("import", folder)
        road = lab.path("road.db")
        try sandbox.ok("--db", road, "init", "--name", "road")
        servedPid = lab.path("serve.pid")
        target = """
            exec:while IFS= read -r line; do printf '%s\\n' "$line"; sleep 0.002; done \
            | \(shellQuote(lab.pidWrapper)) \(shellQuote(servedPid)) \(shellQuote(SyncLab.binary)) \
            --db \(shellQuote(road)) serve --stdio
            """
    }

    /// How many articles road holds now.
    func roadArticles(in sandbox: Sandbox) throws -> Int {
        try sandbox.json(StatusDoc.self, "--db", road, "status", "--json").articles
    }
}
