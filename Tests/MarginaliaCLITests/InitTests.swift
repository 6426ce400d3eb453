import Foundation
import Testing

@Suite("init")
struct InitTests {
    @Test func helpListsEveryCommandAndTouchesNothing() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        #expect(FileManager.default.isExecutableFile(atPath: MarginaliaProcess.binary.path))
        let result = try sandbox.ok("--help")
        for command in ["init", "status", "add", "import", "list, ls", "show", "edit", "replace", "rm", "tag",
                        "annotate", "note", "annotations", "search", "history", "log", "verify"] {
            #expect(result.lines.contains { $0.hasPrefix("  \(command) ") }, "\(command) missing from\n\(result)")
        }
        #expect(try sandbox.ok("annotate", "--help").stdout.contains("--occurrence <occurrence>"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
    }

    @Test func initCreatesANamedReplica() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }

        let result = try sandbox.ok("--db", sandbox.db, "init", "--name", "laptop")
        try #require(result.lines.count == 1)
        #expect(result.lines[0].hasPrefix("Created replica laptop (id "))
        #expect(result.lines[0].hasSuffix(") in \(sandbox.db)"))

        let raw = try sandbox.ok("status", "--json").stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "replica", "identity", "path", "articles", "annotations", "changes", "conflicts", "knowledge", "log_digest",
            "diverged",
        ])
        #expect(Set((object["replica"] as? [String: Any])?.keys.map { $0 } ?? []) == ["id", "name", "created"])

        let status = try sandbox.status()
        #expect(status.replica.name == "laptop")
        #expect(Sandbox.isID(status.replica.id))
        #expect(result.lines[0].contains("(id \(status.replica.id))"))
        #expect(status.path == sandbox.db)
        #expect([status.articles, status.annotations, status.changes, status.conflicts] == [Int](repeating: 0, count: 4))
        #expect(status.knowledge.isEmpty)
        #expect(parseISOTime(status.replica.created) != nil, "created: \(status.replica.created)")
        try sandbox.expectVerified()
    }

    @Test func initTrimsTheName() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "  Văn phòng  ")
        #expect(try sandbox.status().replica.name == "Văn phòng")
    }

    @Test func initOnAnExistingReplicaFailsAndKeepsIt() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "first")
        let id = try sandbox.status().replica.id

        let result = try sandbox.expectRejected(
            "init", "--name", "second", status: Exit.failure, mentioning: "is already a replica")
        #expect(result.stderr.contains(id))
        #expect(try sandbox.status().replica.name == "first")
    }

    @Test(arguments: ["", "   ", "tab\there", String(repeating: "n", count: 65)])
    func initRefusesAnUnusableNameAndCreatesNoFile(name: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.run("init", "--name", name)
        #expect(result.status == Exit.dataError, "\(result)")
        #expect(result.stdout == "")
        #expect(result.errorLines.count == 1, "\(result)")
        #expect(result.stderr.contains("is not a usable replica name"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.db))
    }
}
