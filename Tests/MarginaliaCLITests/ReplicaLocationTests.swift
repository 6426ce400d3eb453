import Foundation
import Testing

/// Where the replica lives: `--db`, else `$MARGINALIA_DB`, else
/// `$XDG_DATA_HOME/marginalia/default.db`, else under `$HOME/.local/share`; created private.
@Suite("replica location")
struct ReplicaLocationTests {
    @Test func firstUseCreatesTheReplicaAtMarginaliaDB() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = sandbox.root.appendingPathComponent("elsewhere.db").path

        let status = try sandbox.json(StatusDoc.self, "status", "--json")  // MARGINALIA_DB is the sandbox's
        #expect(status.path == sandbox.db)
        #expect(FileManager.default.fileExists(atPath: sandbox.db))

        let result = try sandbox.ok(["status", "--json"], env: ["MARGINALIA_DB": path])
        let other = try JSONDecoder().decode(StatusDoc.self, from: Data(result.stdout.utf8))
        #expect(other.path == path)
        #expect(other.replica.id != status.replica.id)
        #expect(try Self.mode(of: path) == 0o600)
        #expect(try Self.mode(of: sandbox.db) == 0o600)
    }

    @Test func explicitDBWinsOverMarginaliaDB() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = sandbox.root.appendingPathComponent("explicit.db").path
        try sandbox.ok("--db", path, "init")
        try sandbox.ok("--db", path, "add", "Only here", "--body", "x")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
    }

    /// `--db notes.bd ls` (a typo of notes.db) must not leave a new, empty replica behind
    /// a silent success: only `init` creates a replica at a path `--db` names. The same
    /// holds in the REPL and scripts, where `init` can still create it.
    @Test func aMistypedDBIsRefusedNotCreated() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let typo = sandbox.root.appendingPathComponent("notes.bd").path
        let message = "marginalia: no replica at \(typo) (create one with 'marginalia --db \(typo) init')"
        for command in [["ls"], ["status"], ["add", "Tin sáng", "--body", "Mưa lớn."], ["search", "mưa"]] {
            let result = try sandbox.expectRejected(
                ["--db", typo] + command, status: Exit.cannotOpenReplica, mentioning: "no replica at")
            #expect(result.errorLines == [message], "\(command)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(command) created the replica")
        }
        let script = try sandbox.run(["--db", typo], stdin: Data("ls\n".utf8))
        #expect(script.status == Exit.cannotOpenReplica && script.errorLines == ["marginalia: line 1: " + message.dropFirst(12)],
                "\(script)")
        #expect(!FileManager.default.fileExists(atPath: typo))

        try sandbox.ok("--db", typo, "init", "--name", "typo")
        try sandbox.ok("--db", typo, "ls")
    }

    @Test func defaultReplicaLivesUnderXDGDataHome() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.ok(["status", "--json"], env: ["MARGINALIA_DB": nil])
        let status = try JSONDecoder().decode(StatusDoc.self, from: Data(result.stdout.utf8))

        let expected = sandbox.dataHome.appendingPathComponent("marginalia/default.db").path
        #expect(status.path == expected)
        #expect(FileManager.default.fileExists(atPath: expected))
        #expect(try Self.mode(of: expected) == 0o600)
        #expect(try Self.mode(of: sandbox.dataHome.appendingPathComponent("marginalia").path) == 0o700)
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.home.path).isEmpty)

        // A second run finds the same replica.
        let again = try sandbox.ok(["status", "--json"], env: ["MARGINALIA_DB": nil])
        #expect(try JSONDecoder().decode(StatusDoc.self, from: Data(again.stdout.utf8)).replica.id == status.replica.id)
    }

    @Test func withoutXDGDataHomeTheReplicaLivesUnderHome() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.ok(["status", "--json"], env: ["MARGINALIA_DB": nil, "XDG_DATA_HOME": nil])
        let status = try JSONDecoder().decode(StatusDoc.self, from: Data(result.stdout.utf8))
        let expected = sandbox.home.appendingPathComponent(".local/share/marginalia/default.db").path
        #expect(status.path == expected)
        #expect(try Self.mode(of: expected) == 0o600)
    }

    static func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = try #require(attributes[.posixPermissions] as? NSNumber)
        return permissions.intValue & 0o777
    }
}
