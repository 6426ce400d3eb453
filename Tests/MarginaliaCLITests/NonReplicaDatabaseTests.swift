import Foundation
import Testing

/// A `--db` that is not a replica: exit 74, one line on stderr, and the file left
/// exactly as it was (marginalia must not write into other people's files).
@Suite("a --db that is not a replica")
struct NonReplicaDatabaseTests {
    static let commands: [[String]] = [
        ["status"], ["init"], ["add", "T", "--body", "b"], ["list"], ["verify"], ["log"],
    ]

    func expectRefused(_ path: String, reason: String, in sandbox: Sandbox) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let neighbours = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        for command in Self.commands {
            let result = try sandbox.run(["--db", path] + command)
            #expect(result.status == Exit.cannotOpenReplica, "\(result)")
            #expect(result.stdout == "", "\(result)")
            #expect(result.errorLines == ["marginalia: \(path) is not a Marginalia replica (\(reason))"], "\(result)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(command) changed \(path)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == neighbours)
        }
    }

    @Test func aTextFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write("notes.db", "just some text, not a database\n")
        try expectRefused(path, reason: "not a SQLite database", in: sandbox)
    }

    @Test func theSQLiteDatabaseOfAnotherApplication() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = sandbox.work.appendingPathComponent("other.sqlite").path
        _ = try sandbox.sqlite("CREATE TABLE t (x); INSERT INTO t VALUES (42);", database: path)
        try expectRefused(path, reason: "a SQLite database of another application", in: sandbox)
        #expect(try sandbox.sqlite("SELECT x FROM t", database: path) == "42")
        #expect(try sandbox.sqlite("PRAGMA journal_mode", database: path) == "delete")
    }

    @Test func anEmptyFile() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = try sandbox.write("empty.db", "")
        for command in Self.commands {
            let result = try sandbox.run(["--db", path] + command)
            #expect(result.status == Exit.cannotOpenReplica, "\(result)")
            #expect(result.errorLines.count == 1, "\(result)")
            #expect(result.stderr.contains("is not a Marginalia replica"), "\(result)")
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
            #expect(size?.intValue == 0, "\(command) wrote into the empty file")
        }
    }

    @Test func aReplicaOfANewerFormat() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.id("add", "From the future", "--body", "b")
        _ = try sandbox.sqlite("PRAGMA user_version = 9999")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sandbox.db))
        for command in Self.commands {
            let result = try sandbox.run(command)
            #expect(result.status == Exit.cannotOpenReplica, "\(result)")
            #expect(result.stdout == "", "\(result)")
            #expect(result.errorLines.count == 1, "\(result)")
            #expect(result.stderr.contains("has replica format 9999, newer than this marginalia understands"), "\(result)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: sandbox.db)) == bytes, "\(command) changed the file")
        }
    }

    @Test func aDirectory() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("--db", sandbox.work.path, "status")
        #expect(result.status == Exit.cannotOpenReplica, "\(result)")
        #expect(result.stdout == "")
        #expect(result.errorLines == ["marginalia: \(sandbox.work.path) is not a Marginalia replica (it is a folder)"],
                "\(result)")
    }

    @Test func aFolderThatDoesNotExist() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let path = sandbox.root.appendingPathComponent("no/such/folder/replica.db").path
        let result = try sandbox.run("--db", path, "status")
        #expect(result.status == Exit.cannotOpenReplica, "\(result)")
        #expect(result.errorLines.count == 1, "\(result)")
        #expect(result.stderr.hasPrefix("marginalia: no replica at \(path)"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
