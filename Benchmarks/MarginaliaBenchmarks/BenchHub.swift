import Foundation
import MarginaliaPostgresCluster

/// A hub for the hub benchmarks: made by `marginalia hub init` on a database of a
/// throwaway PostgreSQL cluster, replicas introduced to it (each trusts the other's
/// fingerprint), and hub processes started on it, all through the binary.
struct BenchHub {
    let session: Session
    let cluster: PostgresCluster
    let database: String
    /// The hub's identity, which replicas trust.
    let fingerprint: String
    var url: String { cluster.url(database: database) }

    /// Makes a hub on `database` (created unless it is `postgres`).
    init(_ session: Session, cluster: PostgresCluster, database: String) throws {
        if database != "postgres" { try cluster.createDatabase(database) }
        self.session = session
        self.cluster = cluster
        self.database = database
        let url = cluster.url(database: database)
        let errors = session.path("hub-init.err")
        _ = try ChildProcess.checked(
            session.marginalia, ["hub", "init", "--postgres", url, "--name", "bench hub"], errorFile: errors)
        let status = session.path("hub-status.json")
        _ = try ChildProcess.checked(
            session.marginalia, ["hub", "status", "--postgres", url, "--json"], output: .file(status), errorFile: errors)
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: status))) as? [String: Any],
            let identity = object["identity"] as? [String: Any], let fingerprint = identity["fingerprint"] as? String
        else { throw BenchError("`hub status --json` gave no identity") }
        self.fingerprint = fingerprint
    }

    private init(copying hub: BenchHub, database: String) {
        session = hub.session
        cluster = hub.cluster
        self.database = database
        fingerprint = hub.fingerprint
    }

    /// The same hub (identity, trusted peers, log) in a new database, copied by
    /// PostgreSQL (`CREATE DATABASE … TEMPLATE`): no hub process may be connected to this one.
    func copy(to database: String) throws -> BenchHub {
        try cluster.psql("CREATE DATABASE \"\(database)\" TEMPLATE \"\(self.database)\"")
        return BenchHub(copying: self, database: database)
    }

    /// Has the hub trust the replica at `path` and the replica trust the hub.
    func introduce(_ path: String) throws {
        let errors = session.path("hub-trust.err")
        let identity = session.path("hub-identity.out")
        _ = try ChildProcess.checked(session.marginalia, ["--db", path, "identity"], output: .file(identity), errorFile: errors)
        let replica = try String(contentsOfFile: identity, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ChildProcess.checked(session.marginalia, ["hub", "trust", "add", replica, "--postgres", url], errorFile: errors)
        _ = try ChildProcess.checked(session.marginalia, ["--db", path, "trust", "add", fingerprint, "--name", "hub"], errorFile: errors)
    }

    /// A hub process on a free loopback port, its log in `hub-serve-NAME.err`.
    func serve(name: String) throws -> ServerProcess {
        try ServerProcess(
            session, ["hub", "--postgres", url, "--listen", "127.0.0.1:0"], log: session.path("hub-serve-\(name).err"),
            ready: "serving hub ")
    }
}
