import Foundation
import MarginaliaStore
import Testing

/// A replica that cannot be written (a read-only file in a read-only folder, a disk that
/// fills up mid-command) gives one clear line, a non-zero exit, and no partial state:
/// the replica afterwards is exactly as before and verifies, and once writable again
/// the same command succeeds.
@Suite("a replica that cannot be written")
struct UnwritableReplicaTests {
    @Test func aReadOnlyReplicaInAReadOnlyFolder() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (folder, notes) = try Self.replicaInItsOwnFolder(in: lab)
        let article = try notes.newID("add", "Kept", "--body", "mưa lớn ở Hà Nội")
        let bundle = lab.path("peer.bundle")
        let peer = try lab.replica("peer")
        try peer.newID("add", "From a peer", "--body", "text")
        try peer.createBundle(bundle)
        let importable = lab.path("import.txt")
        try Data("Imported\n\nbody\n".utf8).write(to: URL(fileURLWithPath: importable))
        let before = try notes.snapshot()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)

        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: notes.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let writes: [[String]] = [
            ["add", "New", "--body", "b"], ["annotate", article, "--quote", "mưa"], ["edit", article, "--title", "T"],
            ["tag", article, "+t"], ["import", importable], ["bundle", "apply", bundle],
        ]
        for write in writes {
            let result = try WithoutPrivileges.run(["--db", notes.path] + write, in: lab)
            #expect(result.status == Exit.cannotOpenReplica, "\(result)")
            #expect(result.stdout == "", "\(result)")
            #expect(result.errorLines == ["marginalia: replica \(notes.path) is read-only (the file or its folder); "
                + "nothing was changed"], "\(result)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == files, "\(write) left files")
        }

        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: notes.path)
        #expect(try notes.snapshot() == before)
        try notes.expectVerified()
        try notes.ok("import", importable)
        try notes.apply(bundle)
    }

    /// A replica of an older format is upgraded when opened, which writes; read-only, it
    /// is refused with one line saying so, even for reading, and left as it was.
    @Test func aReadOnlyReplicaOfAnOlderFormat() throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let (folder, notes) = try Self.replicaInItsOwnFolder(in: lab)
        let article = try notes.newID("add", "Kept", "--body", "mưa lớn ở Hà Nội")
        // Format 3 had no `registers` column and a `siblings` table.
        let downgrade = try notes.sqlite3("""
            ALTER TABLE articles DROP COLUMN registers; ALTER TABLE annotations DROP COLUMN registers;
            CREATE TABLE siblings (entity TEXT, field TEXT, replica TEXT, counter INTEGER, lamport INTEGER, value);
            PRAGMA user_version = 3;
            """)
        #expect(downgrade.status == 0, "\(downgrade)")
        let before = try Data(contentsOf: URL(fileURLWithPath: notes.path))

        // Only the file is read-only: SQLite may make its side files in the folder.
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: notes.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        for command in [["list"], ["show", article], ["conflicts"]] {
            let result = try WithoutPrivileges.run(["--db", notes.path] + command, in: lab)
            #expect(result.status == Exit.cannotOpenReplica, "\(result)")
            #expect(result.stdout == "", "\(result)")
            #expect(result.errorLines == ["marginalia: \(notes.path) has replica format 3, older than this "
                + "marginalia's (\(Replica.formatVersion)), and is read-only; make it writable once so that it can be upgraded"], "\(result)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: notes.path)) == before)

        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: notes.path)
        #expect(try notes.ok("show", article).stdout.contains("mưa lớn ở Hà Nội"))
        #expect(try notes.sqlite3("PRAGMA user_version").output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(Replica.formatVersion)")
        try notes.expectVerified()
    }

    /// A replica `notes` alone in a folder whose permissions the test may change.
    private static func replicaInItsOwnFolder(in lab: SyncLab) throws -> (folder: URL, notes: ReplicaNode) {
        let folder = lab.root.appendingPathComponent("read-only", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, try lab.replica("notes", file: "read-only/notes.db"))
    }

    /// A full disk, as a file size limit (`ulimit -f`, with SIGXFSZ ignored so that the
    /// write fails with EFBIG instead of killing the process). Not under
    /// ThreadSanitizer, whose own runtime faults (SIGBUS, then "nested bug in the same
    /// thread") once the limit is reached; plain and AddressSanitizer builds pass it.
    @Test(
        .disabled(if: ProcessInfo.processInfo.environment["MARGINALIA_SANITIZED"] == "tsan",
                  "ThreadSanitizer's runtime faults under a file size limit"),
        arguments: ["import", "bundle apply"])
    func aDiskThatFillsUp(command: String) throws {
        let lab = try SyncLab()
        defer { lab.remove() }
        let notes = try lab.replica("notes")
        try notes.newID("add", "Kept", "--body", "mưa lớn ở Hà Nội")
        let large = String(repeating: "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. ", count: 20)
        let folder = try lab.importFolder("many", count: 300) { ("a\($0).txt", "Bài \($0)\n\n\(large)\n") }
        let arguments: [String]
        if command == "import" {
            arguments = ["import", folder]
        } else {
            let peer = try lab.replica("peer")
            try peer.ok("import", folder)
            let bundle = lab.path("large.bundle")
            try peer.createBundle(bundle)
            arguments = ["bundle", "apply", bundle]
        }
        let before = try notes.snapshot()
        // 256 KiB: more than the replica holds now, much less than the command writes.
        let limited = "trap '' XFSZ; ulimit -f 512; exec \"$0\" \"$@\""
        let result = try MarginaliaProcess.run(
            ["-c", limited, SyncLab.binary, "--db", notes.path] + arguments,
            environment: lab.sandbox.environment(lab.environment), directory: lab.sandbox.work,
            executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(result.status == Exit.cannotOpenReplica, "\(result)")
        #expect(result.stdout == "", "\(result)")
        #expect(result.errorLines == ["marginalia: cannot write to replica \(notes.path): the disk is full or the file "
            + "reached its size limit; nothing was changed"], "\(result)")
        #expect(try notes.snapshot() == before)
        #expect(try notes.sqlite3("PRAGMA integrity_check").output == "ok")
        try notes.expectVerified()
        try notes.ok(arguments)
        #expect(try notes.status().articles == 301)
    }
}
