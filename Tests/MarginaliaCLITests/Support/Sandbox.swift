import Foundation
import Testing

/// A temporary folder for one test: its own replica, home and data home, so no test
/// ever touches the real ones. Remove it with `defer { sandbox.remove() }`.
final class Sandbox {
    /// The temporary folder holding everything else.
    let root: URL
    /// `$HOME` of every run.
    let home: URL
    /// `$XDG_DATA_HOME` of every run.
    let dataHome: URL
    /// The working directory of every run, where test files are written.
    let work: URL
    /// The replica file, passed as `$MARGINALIA_DB` unless a test overrides it.
    let db: String

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("marginalia-cli-tests-\(UUID().uuidString)", isDirectory: true)
        home = root.appendingPathComponent("home", isDirectory: true)
        dataHome = root.appendingPathComponent("xdg-data", isDirectory: true)
        work = root.appendingPathComponent("work", isDirectory: true)
        db = root.appendingPathComponent("replica.db").path
        for directory in [home, dataHome, work] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// The environment of every run: a private home and data home, `MARGINALIA_DB` set
    /// to this sandbox's replica, UTC times, and the sanitizers' options of the test run
    /// (`make test-asan` suppresses the runtime's false leaks through them). `overrides`
    /// set variables, or with nil unset them.
    func environment(_ overrides: [String: String?] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home.path,
            "XDG_DATA_HOME": dataHome.path,
            "MARGINALIA_DB": db,
            "TZ": "UTC",
            "LANG": "C.UTF-8",
        ]
        for name in Self.sanitizerOptions { environment[name] = inherited[name] }
        for (name, value) in overrides { environment[name] = value }
        return environment
    }

    private static let sanitizerOptions = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"]

    // MARK: Running

    /// Runs `marginalia arguments` in `work`.
    func run(_ arguments: [String], stdin: Data? = nil, env: [String: String?] = [:]) throws -> RunResult {
        try MarginaliaProcess.run(arguments, stdin: stdin, environment: environment(env), directory: work)
    }

    func run(_ arguments: String..., stdin: String? = nil, env: [String: String?] = [:]) throws -> RunResult {
        try run(arguments, stdin: stdin.map { Data($0.utf8) }, env: env)
    }

    /// Starts `marginalia arguments` in `work` without waiting for it.
    func start(_ arguments: String...) throws -> RunningProcess {
        try MarginaliaProcess.start(arguments, environment: environment(), directory: work)
    }

    /// Runs a command that must succeed: exit 0 and nothing on standard error.
    @discardableResult
    func ok(
        _ arguments: [String], stdin: Data? = nil, env: [String: String?] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        let result = try run(arguments, stdin: stdin, env: env)
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr == "", "\(result)", sourceLocation: sourceLocation)
        return result
    }

    @discardableResult
    func ok(
        _ arguments: String..., stdin: String? = nil, env: [String: String?] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunResult {
        try ok(arguments, stdin: stdin.map { Data($0.utf8) }, env: env, sourceLocation: sourceLocation)
    }

    /// Runs a command that must print exactly one line (an id), and returns that line.
    @discardableResult
    func id(_ arguments: String..., stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String
    {
        let result = try ok(arguments, stdin: stdin.map { Data($0.utf8) }, sourceLocation: sourceLocation)
        try #require(result.lines.count == 1, "\(result)", sourceLocation: sourceLocation)
        let id = result.lines[0]
        #expect(Self.isID(id), "not an id: \(id)", sourceLocation: sourceLocation)
        return id
    }

    /// Decodes the one JSON document a `--json` command prints.
    func json<T: Decodable>(
        _ type: T.Type, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> T {
        try ok(arguments, sourceLocation: sourceLocation).jsonDocument(T.self, sourceLocation: sourceLocation)
    }

    /// Decodes the JSON lines a `--json` list command prints.
    func jsonLines<T: Decodable>(
        _ type: T.Type, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [T] {
        try ok(arguments, sourceLocation: sourceLocation).jsonLines(T.self)
    }

    // MARK: State of the replica

    /// Everything the read commands say about the replica: equal fingerprints mean no
    /// command changed it in between.
    func fingerprint(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try [
            ["status", "--json"], ["log", "--json", "--limit", "1000000"], ["list", "--json"],
            ["annotations", "--json"],
        ].map { try ok($0, sourceLocation: sourceLocation).stdout }.joined(separator: "\n")
    }

    /// `status --json`, decoded.
    func status(sourceLocation: SourceLocation = #_sourceLocation) throws -> StatusDoc {
        try json(StatusDoc.self, "status", "--json", sourceLocation: sourceLocation)
    }

    /// `verify` must say the derived tables match a replay of the log.
    func expectVerified(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try ok(["verify"], sourceLocation: sourceLocation)
        #expect(result.lines.count == 1 && result.lines[0].hasPrefix("ok: "), "\(result)", sourceLocation: sourceLocation)
    }

    /// Runs the system `sqlite3` on `database` (the sandbox's replica by default).
    func sqlite(_ sql: String, database: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database ?? db, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed on \(sql)")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Files

    /// Writes `text` to `name` under `work` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = work.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Copies `examples/articles/` into `work/articles/` and returns that folder's path.
    func copyExampleArticles() throws -> String {
        let source = MarginaliaProcess.packageRoot.appendingPathComponent("examples/articles")
        let target = work.appendingPathComponent("articles")
        try FileManager.default.copyItem(at: source, to: target)
        return target.path
    }

    /// Whether `text` is a full entity id: 16 characters of lowercase Crockford base32.
    static func isID(_ text: String) -> Bool {
        text.count == 16 && text.allSatisfy { "0123456789abcdefghjkmnpqrstvwxyz".contains($0) }
    }
}
