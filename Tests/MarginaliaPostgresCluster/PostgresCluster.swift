import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster of a test's or a benchmark's own: Debian's `initdb` into
/// a temporary folder, `pg_ctl start` on a private port with its socket in that folder,
/// stopped and deleted when released. The hub's tests run against a real server, never a
/// mock: its locks and isolation are what they check; the benchmarks time the real thing.
///
/// `initdb` refuses to run as root, and the tests run as root here and in CI: then every
/// server command runs as the unprivileged `postgres` user that Debian's package creates
/// (through `runuser`), owning the folder.
public final class PostgresCluster: @unchecked Sendable {
    /// The superuser the cluster is created with, and whom every connection logs in as
    /// (trust authentication: the cluster is reachable only by this machine's users).
    public static let user = "marginalia"
    public let port: Int
    /// The folder holding the data directory and the server's socket (removed on release).
    public let folder: String
    private let binaries: String
    private let settings: [String: String]

    /// Creates and starts a cluster (a few seconds). `settings` are server parameters
    /// over the defaults (`fsync` off: a test needs no durability across a power cut; a
    /// benchmark of durable commits turns it on).
    public init(settings: [String: String] = [:]) throws {
        binaries = try Self.serverBinaries()
        self.settings = ["fsync": "off"].merging(settings) { $1 }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-cluster-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if geteuid() == 0 { try Self.run("/usr/bin/chown", ["postgres:postgres", folder], asServer: false) }
        try Self.run(
            binaries + "/initdb",
            ["--pgdata", folder + "/data", "--username", Self.user, "--auth", "trust", "--encoding", "UTF8",
             "--locale", "C", "--no-sync"])
        // A private port: a free one found now may be taken before the server binds it,
        // so a few are tried.
        var attempts = 0
        while true {
            let candidate = try Self.freePort()
            do {
                try Self.start(binaries: binaries, folder: folder, port: candidate, settings: self.settings)
                port = candidate
                break
            } catch {
                attempts += 1
                if attempts == 5 { throw error }
            }
        }
    }

    /// Starts the server again after `stop()`, on the same port (a database restart).
    public func start() throws {
        try Self.start(binaries: binaries, folder: folder, port: port, settings: settings)
    }

    private static func start(binaries: String, folder: String, port: Int, settings: [String: String]) throws {
        let parameters = ["listen_addresses": "127.0.0.1", "port": String(port), "unix_socket_directories": folder]
            .merging(settings) { $1 }.sorted { $0.key < $1.key }.map { "-c \($0.key)=\($0.value)" }
        try run(binaries + "/pg_ctl", [
            "start", "--wait", "--pgdata", folder + "/data", "--log", folder + "/server.log",
            "-o", parameters.joined(separator: " "),
        ])
    }

    /// A URL for the hub and its tests: TCP on the private port, database `database`.
    public func url(database: String = "postgres") -> String {
        "postgres://\(Self.user)@127.0.0.1:\(port)/\(database)"
    }

    /// Creates an empty database, for a test that wants one of its own.
    public func createDatabase(_ name: String) throws {
        try psql("CREATE DATABASE \"\(name)\"")
    }

    /// Runs one SQL statement with `psql` (as this process's user), returning its unaligned
    /// output: what a test reads back from the database, not through the code under test.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.run(
            binaries + "/psql",
            ["--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "--set", "ON_ERROR_STOP=1",
             "--host", "127.0.0.1", "--port", String(port), "--username", Self.user, "--dbname", database, "--command", sql],
            asServer: false)
    }

    /// Everything in `database` as `pg_dump` writes it (schema, rows, sequences): compared
    /// before and after something that must leave the database exactly as it was. (Without
    /// the `\restrict` lines newer versions add, whose key is new at each dump.)
    public func dump(database: String = "postgres") throws -> String {
        try Self.run(
            binaries + "/pg_dump",
            ["--host", "127.0.0.1", "--port", String(port), "--username", Self.user, "--dbname", database, "--no-password"],
            asServer: false
        ).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\restrict ") && !$0.hasPrefix("\\unrestrict ") }.joined(separator: "\n")
    }

    /// Stops the server at once (`immediate`, as a crash would: committed transactions
    /// survive, since the write-ahead log is flushed at commit; fsync=off only skips the
    /// flush to disk, which a process crash does not need).
    public func stop() throws {
        try Self.run(binaries + "/pg_ctl", ["stop", "--wait", "--pgdata", folder + "/data", "--mode", "immediate"])
    }

    deinit {
        try? stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The newest installed PostgreSQL's `bin` folder (Debian: /usr/lib/postgresql/N/bin);
    /// throws, saying what to install, when there is none.
    public static func serverBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        guard let newest = versions.compactMap(Int.init).sorted().last(where: {
            FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb")
        }) else {
            throw ClusterError("no PostgreSQL server under \(root) (apt-get install postgresql)")
        }
        return "\(root)/\(newest)/bin"
    }

    /// A TCP port nobody listens on now, as the kernel picks them.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ClusterError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw ClusterError("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a PostgreSQL command to its end (as `postgres` when this process is root and
    /// `asServer`), returning its standard output; a failure throws with its standard error.
    /// Through `DetachedRun`: `pg_ctl start` leaves the server behind.
    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], asServer: Bool = true) throws -> String {
        let (program, argv) = asServer && geteuid() == 0
            ? ("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments) : (executable, arguments)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("marginalia-pg-\(UUID().uuidString)").path
        let errors = output + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: errors)
        }
        let status = try DetachedRun.run(
            program, argv, environment: ["PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"], output: output, errors: errors)
        guard status == 0 else {
            let name = (executable as NSString).lastPathComponent
            throw ClusterError("\(name) \(arguments.first ?? "") failed: \(read(errors))")
        }
        return read(output)
    }

    private static func read(_ path: String) -> String {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A PostgreSQL command failed, with what it said.
public struct ClusterError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
