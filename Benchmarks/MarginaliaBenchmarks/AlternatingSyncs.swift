import Foundation

/// Initial syncs of one source into a fresh replica by several routes, taking turns run
/// by run so that a shared machine's load weighs on each alike: the whole `marginalia --db
/// COPY sync --json ROUTE…` process, timed, and `status --digest` then equal to the
/// source's. What `sync-tls` and `hub` compare.
struct AlternatingSyncs {
    /// One way to sync: the arguments after `sync --json`, what to do to the fresh copy
    /// first (untimed), and the server whose CPU time is reported beside each run.
    struct Route {
        var label: String
        var arguments: [String]
        var prepare: (_ copy: String) throws -> Void = { _ in }
        var server: ServerProcess?
    }

    let session: Session
    /// Prefixes the lines printed and names the files written.
    let name: String
    let source: String

    /// Where each copy is made; the one left is the last route's.
    var copyPath: String { session.path("\(name)-copy.db") }

    /// `runs` rounds of every route in order; the wall times by route label.
    func run(_ routes: [Route], runs: Int) throws -> [String: Samples] {
        let outputPath = session.path("\(name)-initial.json")
        let errorPath = session.path("\(name)-initial.err")
        var times: [String: [Double]] = [:]
        for run in 1...runs {
            for route in routes {
                try session.freshReplica(at: copyPath)
                try route.prepare(copyPath)
                sync()  // so write-back of the last copy does not overlap this one
                let cpuBefore = route.server?.cpuSeconds
                let outcome = try ChildProcess.checked(
                    session.marginalia, ["--db", copyPath, "sync", "--json"] + route.arguments, output: .file(outputPath),
                    errorFile: errorPath)
                let serverCPU = route.server.map { ", server process CPU \(Format.s($0.cpuSeconds - cpuBefore!))" } ?? ""
                let figures = try SummaryFigures.read(outputPath)
                say("\(name): initial run \(run) over \(route.label) \(Format.s(outcome.seconds)) (user "
                    + "\(Format.s(outcome.userSeconds)), sys \(Format.s(outcome.systemSeconds))\(serverCPU)); \(figures.text)")
                times[route.label, default: []].append(outcome.seconds)
                try SyncBenchmark.sameDigest(source, copyPath, session, label: "\(name) initial over \(route.label)")
            }
        }
        return times.mapValues(Samples.init)
    }
}
