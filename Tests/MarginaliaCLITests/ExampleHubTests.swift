import Foundation
import Testing

/// `examples/hub.sh`: a throwaway cluster, a hub and two replicas syncing through it.
@Suite("examples/hub.sh")
struct ExampleHubTests {
    @Test func theHubExampleRuns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let temporary = sandbox.root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        // As root the script hands its folder to the `postgres` user, who must reach it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.root.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: temporary.path)
        let script = MarginaliaProcess.packageRoot.appendingPathComponent("examples/hub.sh")

        let result = try MarginaliaProcess.run(
            [script.path],
            environment: sandbox.environment([
                "MARGINALIA": MarginaliaProcess.binary.path, "MARGINALIA_DB": nil, "TMPDIR": temporary.path,
                "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
            ]),
            directory: sandbox.work, executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")
        let lines = result.lines
        #expect(lines.contains { $0.hasPrefix("created hub toà soạn (id ") }, "\(result)")
        #expect(lines.filter { $0.hasPrefix("synced with toà soạn (") }.count == 4, "\(result)")
        #expect(lines.contains("changes     2 from 2 replicas"), "\(result)")
        #expect(lines.contains { $0.hasPrefix("same state: ") }, "\(result)")
        #expect(lines.contains("    vượt mức báo động"), "\(result)")
        // The script removed its cluster, hub and replicas.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }
}
