import Foundation
import Testing

@Suite("examples/conflict-story.sh")
struct ExampleConflictStoryTests {
    @Test func theConflictStoryEndsWithIdenticalReplicas() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (result, temporary) = try sandbox.runExample("conflict-story.sh", env: ["EDITOR": "false"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")

        let lines = result.lines
        #expect(lines.contains { $0.hasPrefix("synced with laptop (") && $0.hasSuffix(", 2 new conflicts") }, "\(result)")
        #expect(lines.contains { $0.hasSuffix("”: body has 2 values") } && lines.contains { $0.hasSuffix("”: title has 2 values") })
        // The list tells the two bodies apart by the words where they differ.
        #expect(lines.contains { $0.hasPrefix("    “… giờ sáng đạt 137,2 mm, mức … công nhân cùng 45 xe bơm để …”  by laptop at ") },
                "\(result)")
        #expect(lines.contains { $0.hasPrefix("    “… giờ sáng đạt 135,5 mm, mức … công nhân cùng 52 xe bơm để …”  by office at ") },
                "\(result)")
        // The conflict shows the ancestor around the changes, then each side's change as a
        // word diff against it; the title the laptop replaced reads whole.
        #expect(lines.contains("     … khoảng 22 giờ – 4 giờ sáng đạt 135,5 mm, mức cao nhất kể từ đầu … đã huy động hơn 1.200 công"),
                "\(result)")
        #expect(lines.contains { $0.contains("[-135,5-]{+137,2+}") }, "\(result)")
        #expect(lines.contains { $0.contains("[-45-]{+52+}") }, "\(result)")
        #expect(lines.contains { $0.contains("{+Mưa kỷ lục, nội thành chìm trong nước+}") }, "\(result)")
        #expect(lines.contains { $0.hasPrefix("resolved body of article ") && $0.hasSuffix(": merged cleanly") })
        #expect(lines.contains { $0.hasPrefix("resolved title of article ") })
        // history --patch: each change against the value before it.
        #expect(lines.contains("    body: … khoảng 22 giờ – 4 giờ sáng đạt [-135,5-]{+137,2+} mm, mức cao nhất kể từ đầu …"), "\(result)")
        // The edit made while the office deleted the article shows what it changed.
        #expect(lines.contains { $0.hasPrefix("  1) kept · laptop · ") || $0.hasPrefix("  2) kept · laptop · ") }, "\(result)")
        #expect(lines.contains { $0.hasPrefix("     body: …") && $0.contains("[-1.350-]{+1.530+} hộ dân") }, "\(result)")
        #expect(lines.contains { $0.hasPrefix("kept article ") }, "\(result)")
        #expect(lines.contains { $0.hasPrefix("synced with office (") && $0.hasSuffix(", 0 new conflicts") })
        #expect(lines.contains("no conflicts"))
        // Both edits survive the merge.
        #expect(lines.contains("137,2 mm, mức cao nhất kể từ đầu mùa.") && lines.contains("52 xe bơm"))
        let digests = lines.filter { $0.hasPrefix("laptop ") || $0.hasPrefix("office ") }.map { $0.dropFirst(7) }
        #expect(digests.count == 2 && digests[0].count == 64 && digests[0] == digests[1], "\(digests)")
        #expect(lines.last?.hasPrefix("ok: ") == true)
        // Everything happened in the script's own temporary folder, removed at the end.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.dataHome.path).isEmpty)
    }
}
