import Foundation
import Testing

/// A temporary folder holding several replica files that sync with each other through
/// the real binary: a fake `ssh` (which drops the host and runs the command locally,
/// in `$HOME` as ssh would), token files, and servers. Remove it with
/// `defer { lab.remove() }`.
final class SyncLab {
    let sandbox: Sandbox
    /// The fake ssh client, passed as `MARGINALIA_SSH`.
    let sshScript: String
    /// Every host the fake ssh was asked to reach, one per line.
    let sshHostLog: String

    /// `pid-wrapper PIDFILE COMMAND…`: writes its pid to PIDFILE (atomically), then
    /// becomes COMMAND, so a test can signal a process started deep inside a pipeline.
    let pidWrapper: String

    init() throws {
        sandbox = try Sandbox()
        let bin = sandbox.root.appendingPathComponent("bin", isDirectory: true)
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        pidWrapper = bin.appendingPathComponent("pid-wrapper").path
        let wrapper = """
            #!/bin/sh
            pidfile=$1
            shift
            echo $$ > "$pidfile.tmp" && mv "$pidfile.tmp" "$pidfile"
            exec "$@"

            """
        try Data(wrapper.utf8).write(to: URL(fileURLWithPath: pidWrapper))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: pidWrapper)
        sshScript = bin.appendingPathComponent("fake-ssh").path
        sshHostLog = sandbox.root.appendingPathComponent("ssh-hosts.log").path
        // Like ssh: `--` ends the options (marginalia always passes it, and this stand-in
        // refuses to run without it), then the host, then one command line that the remote
        // user's shell runs in their home directory.
        let script = """
            #!/bin/sh
            [ "$1" = "--" ] || { echo "fake-ssh: expected -- before the host, got $1" >&2; exit 255; }
            shift
            printf '%s\\n' "$1" >> \(shellQuote(sshHostLog))
            shift
            cd "$HOME" || exit 255
            exec /bin/sh -c "$*"

            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: sshScript))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sshScript)
    }

    func remove() { sandbox.remove() }

    var root: URL { sandbox.root }

    /// The binary's absolute path.
    static var binary: String { MarginaliaProcess.binary.standardizedFileURL.path }

    /// The environment overrides of every run: the fake ssh and the remote program.
    var environment: [String: String?] {
        ["MARGINALIA_SSH": sshScript, "MARGINALIA_REMOTE": Self.binary]
    }

    /// Creates (with `init --name`) the replica `name`.db in the lab.
    func replica(_ name: String, file: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ReplicaNode
    {
        let path = root.appendingPathComponent(file ?? "\(name).db").path
        let result = try sandbox.run(["--db", path, "init", "--name", name], env: environment)
        try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        var node = ReplicaNode(lab: self, name: name, path: path, id: "")
        node.id = try node.status(sourceLocation: sourceLocation).replica.id
        return node
    }

    /// Creates many replicas at once (`init --name` for each, side by side; their ids read
    /// in this process): a fleet of clients in the time of a few.
    func replicas(_ names: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [ReplicaNode] {
        var nodes = names.map { ReplicaNode(lab: self, name: $0, path: root.appendingPathComponent("\($0).db").path, id: "") }
        for result in try nodes.map({ try $0.start(["init", "--name", $0.name]) }).map({ try $0.finish() }) {
            try #require(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        }
        for index in nodes.indices {
            nodes[index].id = try nodes[index].withReplica { $0.id.rawValue }
        }
        return nodes
    }

    /// Writes a token file holding `secret` with `mode`, and returns its path.
    func tokenFile(
        _ name: String = "token", secret: String = "correct-horse-battery-staple-2026", mode: Int = 0o600
    ) throws -> String {
        let path = root.appendingPathComponent(name).path
        try Data((secret + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// A new folder `name` in the lab holding `count` files to import, named and filled by
    /// `file` from each one's number; returns the folder's path.
    func importFolder(_ name: String, count: Int, _ file: (Int) -> (name: String, text: String)) throws -> String {
        let folder = root.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for number in 0..<count {
            let (fileName, text) = file(number)
            try Data(text.utf8).write(to: folder.appendingPathComponent(fileName))
        }
        return folder.path
    }

    /// A path for a new file in the lab (nothing is created).
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// The hosts the fake ssh was started with.
    func sshHosts() -> [String] {
        let text = (try? String(contentsOfFile: sshHostLog, encoding: .utf8)) ?? ""
        return RunResult.lines(of: text)
    }
}

/// `text` single-quoted for a POSIX shell.
func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// One replica file of a lab, driven through the real binary with `--db`.
struct ReplicaNode: CustomStringConvertible {
    let lab: SyncLab
    let name: String
    let path: String
    fileprivate(set) var id: String

    var description: String { "\(name) (\(id))" }

    // MARK: Running

    func run(_ arguments: [String], stdin: Data? = nil, env: [String: String?] = [:]) throws -> RunResult {
        try lab.sandbox.run(["--db", path] + arguments, stdin: stdin, env: lab.environment.merging(env) { $1 })
    }

    func run(_ arguments: String..., stdin: Data? = nil, env: [String: String?] = [:]) throws -> RunResult {
        try run(arguments, stdin: stdin, env: env)
    }

    /// Starts a command without waiting for it.
    func start(_ arguments: [String], stdin: Data? = nil) throws -> RunningProcess {
        try MarginaliaProcess.start(
            ["--db", path] + arguments, stdin: stdin,
            environment: lab.sandbox.environment(lab.environment), directory: lab.sandbox.work)
    }

    /// A command that must succeed: exit 0, nothing on standard error.
    @discardableResult
    func ok(_ arguments: [String], stdin: Data? = nil, env: [String: String?] = [:],
            sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult
    {
        let result = try run(arguments, stdin: stdin, env: env)
        #expect(result.status == 0, "\(name): \(result)", sourceLocation: sourceLocation)
        #expect(result.stderr == "", "\(name): \(result)", sourceLocation: sourceLocation)
        return result
    }

    @discardableResult
    func ok(_ arguments: String..., env: [String: String?] = [:], sourceLocation: SourceLocation = #_sourceLocation)
        throws -> RunResult
    {
        try ok(arguments, env: env, sourceLocation: sourceLocation)
    }

    /// A command that must print exactly one id.
    @discardableResult
    func newID(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try newID(arguments, sourceLocation: sourceLocation)
    }

    @discardableResult
    func newID(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try ok(arguments, sourceLocation: sourceLocation)
        try #require(result.lines.count == 1 && Sandbox.isID(result.lines[0]), "\(result)", sourceLocation: sourceLocation)
        return result.lines[0]
    }

    func json<T: Decodable>(_ type: T.Type, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation)
        throws -> T
    {
        try ok(arguments, sourceLocation: sourceLocation).jsonDocument(T.self, sourceLocation: sourceLocation)
    }

    func jsonLines<T: Decodable>(
        _ type: T.Type, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [T] {
        try ok(arguments, sourceLocation: sourceLocation).jsonLines(T.self)
    }

    // MARK: Syncing

    /// `sync TARGET --json` that must succeed; its summary.
    @discardableResult
    func sync(_ target: String, extra: [String] = [], env: [String: String?] = [:],
              sourceLocation: SourceLocation = #_sourceLocation) throws -> SyncSummaryDoc
    {
        let result = try ok(["sync", target, "--json"] + extra, env: env, sourceLocation: sourceLocation)
        try #require(result.lines.count == 1, "one summary expected: \(result)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(SyncSummaryDoc.self, from: Data(result.lines[0].utf8))
    }

    /// `sync --json` over `link`, which must succeed.
    @discardableResult
    func sync(_ link: Link, sourceLocation: SourceLocation = #_sourceLocation) throws -> SyncSummaryDoc {
        try sync(link.target, extra: link.extra, sourceLocation: sourceLocation)
    }

    /// `bundle apply FILE --json`, which must succeed.
    @discardableResult
    func apply(_ bundle: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SyncSummaryDoc {
        let result = try ok(["bundle", "apply", bundle, "--json"], sourceLocation: sourceLocation)
        try #require(result.lines.count == 1, "one summary expected: \(result)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(SyncSummaryDoc.self, from: Data(result.lines[0].utf8))
    }

    /// `bundle create FILE [--for PEER] --json`, which must succeed.
    @discardableResult
    func createBundle(_ bundle: String, for peer: String? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> SyncSummaryDoc
    {
        let result = try ok(
            ["bundle", "create", bundle, "--json"] + (peer.map { ["--for", $0] } ?? []), sourceLocation: sourceLocation)
        try #require(result.lines.count == 1, "one summary expected: \(result)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(SyncSummaryDoc.self, from: Data(result.lines[0].utf8))
    }

    /// The target that reaches this replica over `transport` (not for bundles or TCP).
    func target(_ transport: Transport) -> String {
        switch transport {
        case .file: path
        case .exec: "exec:\(shellQuote(SyncLab.binary)) --db \(shellQuote(path)) serve --stdio"
        case .ssh: "ssh://fakehost" + path
        case .tcp, .bundle: preconditionFailure("\(transport) needs a server or a file")
        }
    }

    // MARK: State

    func status(sourceLocation: SourceLocation = #_sourceLocation) throws -> StatusDoc {
        try json(StatusDoc.self, "status", "--json", sourceLocation: sourceLocation)
    }

    func digest(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try ok(["status", "--digest"], sourceLocation: sourceLocation)
        try #require(result.lines.count == 1 && result.lines[0].count == 64, "\(result)", sourceLocation: sourceLocation)
        return result.lines[0]
    }

    /// `verify` must say ok.
    func expectVerified(_ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run("verify", "--json")
        #expect(result.status == 0, "\(comment) \(name): \(result)", sourceLocation: sourceLocation)
        let report = try? JSONDecoder().decode(VerificationDoc.self, from: Data(result.stdout.utf8))
        #expect(report?.ok == true && report?.problems == [], "\(comment) \(name): \(result)", sourceLocation: sourceLocation)
    }

    /// Every change in the log, as `replica:counter`.
    func dots(sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<String> {
        let result = try ok(["log", "--json", "--limit", "1000000"], sourceLocation: sourceLocation)
        var dots = Set<String>()
        for line in result.lines {
            let change = try JSONDecoder().decode(DotDoc.self, from: Data(line.utf8))
            dots.insert("\(change.replica):\(change.counter)")
        }
        return dots
    }

    func conflicts(sourceLocation: SourceLocation = #_sourceLocation) throws -> [ConflictDoc] {
        try jsonLines(ConflictDoc.self, "conflicts", "--json", sourceLocation: sourceLocation)
    }

    /// Everything the read commands say about the replica.
    func fingerprint(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try [
            ["status", "--json"], ["status", "--digest"], ["log", "--json", "--limit", "1000000"], ["list", "--json"],
            ["annotations", "--json"], ["conflicts", "--json"], ["peers", "--json"],
        ].map { try ok($0, sourceLocation: sourceLocation).stdout }.joined(separator: "\n")
    }

    /// The file's bytes once the write-ahead log is folded in (`sqlite3 … wal_checkpoint(TRUNCATE)`).
    func fileBytes(sourceLocation: SourceLocation = #_sourceLocation) throws -> Data {
        let result = try sqlite3("PRAGMA wal_checkpoint(TRUNCATE)")
        #expect(result.status == 0 && result.output.hasPrefix("0|"), "\(result)", sourceLocation: sourceLocation)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Both: the exact bytes and what the commands report.
    func snapshot(sourceLocation: SourceLocation = #_sourceLocation) throws -> ReplicaSnapshot {
        ReplicaSnapshot(
            bytes: try fileBytes(sourceLocation: sourceLocation), report: try fingerprint(sourceLocation: sourceLocation))
    }

    /// Runs the system `sqlite3` on the file.
    func sqlite3(_ sql: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// How a test reaches a replica over a live transport: the target, the extra `sync`
/// arguments, and for TCP the server (stopped by `stop()`).
final class Link {
    let transport: Transport
    let target: String
    let extra: [String]
    let server: ServerProcess?

    init(to node: ReplicaNode, via transport: Transport, serverOptions: [String] = []) throws {
        self.transport = transport
        switch transport {
        case .tcp:
            let token = try node.lab.tokenFile("token-\(node.name)")
            let server = try ServerProcess(node, tokenFile: token, extra: serverOptions)
            self.server = server
            target = server.target
            extra = ["--token-file", token]
        default:
            server = nil
            target = node.target(transport)
            extra = []
        }
    }

    /// Stops the server, if any, with SIGTERM (it must exit 0).
    @discardableResult
    func stop(sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult? {
        try server?.stop(sourceLocation: sourceLocation)
    }
}

struct ReplicaSnapshot: Equatable {
    var bytes: Data
    var report: String
}

/// How two replicas reach each other.
enum Transport: String, CaseIterable, Sendable, CustomStringConvertible {
    case file, exec, ssh, tcp, bundle
    var description: String { rawValue }
    /// The live transports (a session over a connection).
    static let live: [Transport] = [.file, .exec, .ssh, .tcp]
}

/// Every replica has the same digest, and `verify` is ok everywhere.
func expectConverged(_ nodes: [ReplicaNode], _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation)
    throws
{
    let digests = try nodes.map { try $0.digest(sourceLocation: sourceLocation) }
    #expect(Set(digests).count == 1, "\(comment) digests differ: \(zip(nodes.map(\.name), digests).map { "\($0)=\($1)" })",
            sourceLocation: sourceLocation)
    for node in nodes { try node.expectVerified(comment, sourceLocation: sourceLocation) }
}

/// Waits (polling) until `condition` holds. The limit only guards against a hang; it is
/// never what a test checks.
func waitUntil(_ what: String, limit: TimeInterval = 120, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(limit)
    while try !condition() {
        if Date() > deadline { throw LabError("gave up waiting for \(what)") }
        usleep(10_000)
    }
}

struct LabError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Documents

/// The summary of `sync --json` and `bundle apply --json` (and `bundle create --json`).
struct SyncSummaryDoc: Decodable, Equatable {
    var peer: String
    var peerName: String
    var sent: Int
    var received: Int
    var duplicates: Int
    var newConflicts: Int
    var settledConflicts: Int
    var bytesSent: Int
    var bytesReceived: Int
    var seconds: Double

    enum CodingKeys: String, CodingKey {
        case peer, sent, received, duplicates, seconds
        case peerName = "peer_name"
        case newConflicts = "new_conflicts"
        case settledConflicts = "settled_conflicts"
        case bytesSent = "bytes_sent"
        case bytesReceived = "bytes_received"
    }
}

/// A line of `peers --json`.
struct PeerDoc: Decodable, Equatable {
    var name: String
    var target: String
    var replica: String?
    var lastSync: String?
    var knowledge: [String: Int]?

    enum CodingKeys: String, CodingKey {
        case name, target, replica, knowledge
        case lastSync = "last_sync"
    }
}

/// A line of `conflicts --json`.
struct ConflictDoc: Decodable, Equatable {
    struct Value: Decodable, Equatable {
        var value: JSONValue
        var dot: String
        var replica: String
        var replicaName: String?
        var time: String

        enum CodingKeys: String, CodingKey {
            case value, dot, replica, time
            case replicaName = "replica_name"
        }
    }

    var type: String
    var entity: String
    var entityKind: String
    var label: String
    var field: String?
    var values: [Value]?
    var article: String?

    enum CodingKeys: String, CodingKey {
        case type, entity, label, field, values, article
        case entityKind = "entity_kind"
    }
}

/// The dot of a line of `log --json`.
struct DotDoc: Decodable {
    var replica: String
    var counter: Int
}

/// An `error` line of the protocol.
struct ProtocolErrorDoc: Decodable, Equatable {
    var type: String
    var code: String
    var message: String
    var line: Int?
}

/// Replicas laptop and office in a new lab, sharing one article: where the conflict
/// stories start. Remove the lab with `defer { shared.lab.remove() }`.
struct SharedArticle {
    let lab: SyncLab
    let laptop: ReplicaNode
    let office: ReplicaNode
    let article: String

    /// Adds the article on laptop with `add arguments` and syncs it to office.
    init(_ arguments: String...) throws {
        lab = try SyncLab()
        (laptop, office) = (try lab.replica("laptop"), try lab.replica("office"))
        article = try laptop.newID(["add"] + arguments)
        try laptop.sync(office.path)
    }
}
