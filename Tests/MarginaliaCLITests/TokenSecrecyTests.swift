import Foundation
import Testing

/// The shared secret of TCP sync never shows: not in what `serve` and `sync` print when
/// things go right, nor when they go wrong (a wrong token, a token file too short or
/// readable by others), nor in the replica files. And the files SQLite makes beside a
/// replica while it is open are as private as the replica.
@Suite("the sync token stays secret")
struct TokenSecrecyTests {
    @Test func theTokenNeverAppearsInOutputErrorsLogsOrFiles() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let laptop = try lab.replica("laptop")
        try office.newID("add", "Office", "--body", "text")
        try laptop.newID("add", "Laptop", "--body", "text")
        let secrets = [
            "right": "the-right-secret-7f3a9c2e51d04b68", "wrong": "a-wrong-secret-0b1c2d3e4f5a6b7c",
            "short": "short-9z8y7", "exposed": "an-exposed-secret-5e6f7a8b9c0d1e2f",
        ]
        let token = try lab.tokenFile("right", secret: secrets["right"]!)
        let wrong = try lab.tokenFile("wrong", secret: secrets["wrong"]!)
        let short = try lab.tokenFile("short", secret: secrets["short"]!)
        let exposed = try lab.tokenFile("exposed", secret: secrets["exposed"]!, mode: 0o644)

        let server = try ServerProcess(office, tokenFile: token)
        for suffix in ["-wal", "-shm"] {
            #expect(try ReplicaLocationTests.mode(of: office.path + suffix) == 0o600, "\(suffix) of a replica being served")
        }
        var printed: [RunResult] = []
        for (file, json) in [(token, false), (token, true), (wrong, false), (wrong, true), (short, false), (exposed, false)] {
            printed.append(try laptop.run(["sync", server.target, "--token-file", file] + (json ? ["--json"] : [])))
        }
        #expect(printed.map(\.status) == [0, 0, Exit.syncFailed, Exit.syncFailed, Exit.usage, Exit.usage], "\(printed)")
        for file in [short, exposed] {
            printed.append(try office.run("serve", "--listen", "127.0.0.1:0", "--token-file", file))
            #expect(printed.last?.status == Exit.usage, "\(printed.last!)")
        }
        let served = try server.stop()
        #expect(served.errorLines.contains { $0.contains("unauthorized") }, "the wrong token was logged as such: \(served)")

        for (name, secret) in secrets {
            for result in printed + [served] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "the \(name) token shows: \(result)")
            }
            for node in [office, laptop] {
                #expect(try node.fileBytes().range(of: Data(secret.utf8)) == nil, "the \(name) token is in \(node)")
            }
        }
        try expectConverged([office, laptop])
    }

    /// `token new` writes a fresh secret only its owner can read, that serve and sync
    /// accept, and never replaces a token file.
    @Test func tokenNewWritesAPrivateRandomTokenThatSyncAccepts() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let office = try lab.replica("office")
        let laptop = try lab.replica("laptop")
        try office.newID("add", "Văn phòng", "--body", "Ghi chú.")
        let token = lab.root.appendingPathComponent("office.token").path
        let other = lab.root.appendingPathComponent("other.token").path
        #expect(try laptop.run("token", "new", token).status == 0)
        #expect(try laptop.run("token", "new", other).status == 0)
        #expect(try ReplicaLocationTests.mode(of: token) == 0o600)
        let secret = try String(contentsOfFile: token, encoding: .utf8)
        #expect(Data(base64Encoded: secret.trimmingCharacters(in: .newlines))?.count == 32)
        #expect(secret != (try String(contentsOfFile: other, encoding: .utf8)))

        let again = try laptop.run("token", "new", token)
        #expect(again.status == Exit.cannotCreate && again.stderr.contains("it exists"), "\(again)")
        #expect(try String(contentsOfFile: token, encoding: .utf8) == secret)

        let server = try ServerProcess(office, tokenFile: token)
        #expect(try laptop.run(["sync", server.target, "--token-file", token]).status == 0)
        _ = try server.stop()
        #expect(try laptop.run("ls").stdout.contains("Văn phòng"))
    }
}
