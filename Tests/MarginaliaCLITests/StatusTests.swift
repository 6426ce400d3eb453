import Foundation
import Testing

@Suite("status")
struct StatusTests {
    @Test func statusCountsWhatTheReplicaHolds() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Counting", "--body", "one two three")
        try sandbox.id("annotate", article, "--quote", "two")
        try sandbox.ok("tag", article, "+counted")

        let status = try sandbox.status()
        #expect(status.articles == 1)
        #expect(status.annotations == 1)
        #expect(status.changes == 3)
        #expect(status.conflicts == 0)
        #expect(status.knowledge == [status.replica.id: 3])
        #expect(try sandbox.sqlite("SELECT count(*) FROM changes") == "3")

        let human = try sandbox.ok("status")
        #expect(human.lines.contains("articles    1"))
        #expect(human.lines.contains("annotations 1"))
        #expect(human.lines.contains("changes     3"))
        #expect(human.lines.contains("file        \(sandbox.db)"))
        #expect(human.lines.contains { $0.hasPrefix("knowledge   ") && $0.hasSuffix(":3") })
    }

    /// `created` must be the stored millisecond, written exactly. The time is set in the
    /// file so the value is known; 1795959071415 is 2026-11-29T13:31:11.415Z.
    @Test(arguments: [Int64(1_795_959_071_415), 1_795_959_071_001, 1_700_000_000_123, 1_000])
    func statusWritesTheCreationTimeToTheMillisecond(milliseconds: Int64) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "clock")
        _ = try sandbox.sqlite("UPDATE replica SET created_ms = \(milliseconds)")
        let created = try sandbox.status().replica.created
        #expect(created == isoTime(milliseconds: milliseconds))
    }
}
