import Foundation
import Testing

@Suite("examples/session.sh")
struct ExampleSessionTests {
    @Test func theExampleSessionRuns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (result, temporary) = try sandbox.runExample("session.sh")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")

        let lines = result.lines
        let title = ImportListTests.vietnameseTitle
        #expect(lines.contains { $0.hasPrefix("Created replica session (id ") })
        // The search without diacritics finds the Vietnamese article first.
        let search = try #require(lines.firstIndex(of: "== search: muc nuoc"))
        #expect(lines[search + 1].hasSuffix("  \(title)"), "\(lines[search + 1])")
        #expect(lines[search + 2].contains("[mực] [nước]"), "\(lines[search + 2])")
        // The annotations: the second "mực nước" and "sông Tô Lịch", with their notes.
        #expect(lines.contains { $0.hasSuffix("  928-940  “sông Tô Lịch”") })
        #expect(lines.contains { $0.hasSuffix("  1944-1952  “mực nước”") })
        #expect(lines.contains("    Sông Tô Lịch vượt mức báo động: 4,15 m lúc 6 giờ"))
        #expect(lines.contains("    #flood"))
        #expect(lines.contains { $0.hasPrefix("id ") && $0.contains(" · tags ha-noi, thoi-tiet · ") })
        #expect(lines.contains("articles    3"))
        #expect(lines.contains("annotations 2"))
        #expect(lines.contains("changes     7"))
        let verify = try #require(lines.last)
        #expect(verify.hasPrefix("ok: 7 changes replayed, ") && verify.hasSuffix(" rows identical"), "\(verify)")

        // The script cleaned up its replica and touched neither home nor data home.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.home.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.dataHome.path).isEmpty)
    }
}
