import Foundation
import Testing

/// `examples/hub.sh`: a throwaway cluster, a hub and two replicas syncing through it.
@Suite("examples/hub.sh")
struct ExampleHubTests {
    @Test func theHubExampleRuns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // runuser, in /usr/sbin, which the test runner's own path may lack.
        let (result, temporary) = try sandbox.runExample("hub.sh", env: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
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
