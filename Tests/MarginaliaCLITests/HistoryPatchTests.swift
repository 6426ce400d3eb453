import Foundation
import Testing

/// `history ID --patch`: each change's fields as word diffs against the values before
/// it, as `git log -p` shows commits, on the real binary.
@Suite("history --patch")
struct HistoryPatchTests {
    static let title = ConflictViewTests.title
    static let body = ConflictViewTests.body

    @Test func historyWithPatchesShowsEachChangeAgainstTheValueBefore() throws {
        let shared = try SharedArticle(Self.title, "--body", Self.body, "--tag", "thời-sự")
        defer { shared.lab.remove() }
        let (laptop, article) = (shared.laptop, shared.article)
        try laptop.ok("edit", article, "--title", "Tiêu đề B")
        try laptop.ok("replace", article, "đạt 135,5 mm", "đạt 137,2 mm")
        try laptop.ok("rm", article)

        let lines = try laptop.ok(["history", article, "--patch"], env: ["COLUMNS": "400"]).lines
        let prefix = "\(laptop.id.prefix(8)):"
        let headers = lines.enumerated().filter { $0.element.hasPrefix(prefix) }.map(\.offset)
        #expect(headers.count == 4, "\(lines)")
        // The creation: every field inserted, the body whole.
        #expect(lines[headers[0] + 1].hasPrefix("    body: {+Sau gần sáu giờ mưa liên tục"), "\(lines)")
        #expect(lines[headers[0]..<headers[1]].contains { $0.hasSuffix("gọi đường dây nóng của thành phố để được hỗ trợ…+}") }, "\(lines)")
        #expect(lines[headers[0]..<headers[1]].contains("    +#thời-sự"), "\(lines)")
        #expect(lines[headers[0]..<headers[1]].contains("    title: {+\(Self.title)+}"), "\(lines)")
        #expect(lines[headers[1] + 1] == "    title: [-\(Self.title)-]{+Tiêu đề B+}", "\(lines)")
        #expect(lines[headers[2] + 1].hasPrefix("    body: …") && lines[headers[2] + 1].contains("sáng đạt [-135,5-]{+137,2+} mm, mức"),
                "\(lines)")
        #expect(lines[headers[3]].hasSuffix("  deleted"), "\(lines)")
        #expect(lines[headers[1] - 1] == "" && lines[headers[2] - 1] == "", "\(lines)")

        // Narrow: wrapped under the indent, nothing wider than the terminal.
        let narrow = try laptop.ok(["history", article, "--patch"], env: ["COLUMNS": "40"]).lines
        #expect(narrow.allSatisfy { $0.count <= 40 }, "\(narrow)")
        // Only the deletion's header is too wide: its last word wraps.
        #expect(narrow.filter { !$0.isEmpty && !$0.hasPrefix(prefix) && !$0.hasPrefix("    ") } == ["deleted"], "\(narrow)")
        #expect(ConflictViewTests.joined(narrow).contains("sáng đạt [-135,5-]{+137,2+} mm, mức"), "\(narrow)")
    }

    /// A resolution is compared with each value it replaced, each named by its change:
    /// the merged body differs from office's by laptop's correction and from laptop's
    /// by office's.
    @Test func aResolutionIsComparedWithEachValueItReplaced() throws {
        let s = try ConflictViewTests.Story()
        defer { s.shared.lab.remove() }
        try s.laptop.ok("resolve", s.article, "body", "--merge")
        let lines = try s.laptop.ok(["history", s.article, "--patch"], env: ["COLUMNS": "400"]).lines
        // Office's body change: its header, then its body's diff.
        let office = try #require(lines.indices.dropLast().first {
            lines[$0].hasPrefix("\(s.office.id.prefix(8)):") && lines[$0 + 1].hasPrefix("    body: ")
        }, "\(lines)")
        let officeDot = String(lines[office].prefix { $0 != " " })
        let resolution = try #require(lines.lastIndex { $0.hasPrefix("\(s.laptop.id.prefix(8)):") }, "\(lines)")
        let edits = lines[(resolution + 1)...].filter { $0.hasPrefix("    body") }
        #expect(edits.count == 2, "\(lines)")
        #expect(edits.contains { $0.hasPrefix("    body (against \(officeDot)): ") && $0.contains("đạt [-135,5-]{+137,2+} mm") && !$0.contains("[-45-]") },
                "\(edits)")
        #expect(edits.contains { $0.contains("cùng [-45-]{+52+} xe bơm") && !$0.contains("[-135,5-]") }, "\(edits)")
    }

    /// At a terminal the diff is coloured instead of bracketed.
    @Test func historyWithPatchesIsColouredAtATerminal() throws {
        let shared = try SharedArticle("Hà Nội", "--body", "Mưa lớn kéo dài ba ngày.")
        defer { shared.lab.remove() }
        try shared.laptop.ok("replace", shared.article, "ba ngày", "bốn ngày")
        let result = try shared.lab.sandbox.runInTerminal(
            ["--db", shared.laptop.path, "history", shared.article, "--patch"], env: ["COLUMNS": "80", "LINES": "50"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("body: Mưa lớn kéo dài \u{1B}[0;31mba\u{1B}[0;32mbốn\u{1B}[0m ngày."), "\(result)")
        #expect(!result.stdout.contains("[-"), "\(result)")
    }

    /// In a real terminal (tmux, 80x24, the real `less`): a history taller than the
    /// screen is paged, coloured, and `q` gives the terminal back.
    @Test func historyWithPatchesIsPagedInATerminal() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try PagerTerminalTests.desk(sandbox)
        try sandbox.ok("replace", id, "đạt 135,5 mm", "đạt 137,2 mm")
        let terminal = try TerminalSession(sandbox, arguments: ["history", id, "--patch"], size: PagerTerminalTests.size)
        defer { terminal.close() }
        let first = try terminal.waitFor("body: Sau gần sáu giờ mưa")
        #expect(!first.contains("137,2"), "the whole history fit on one screen:\n\(first)")
        try PagerTerminalTests.pressing("G", in: terminal, until: "137,2 mm, mức")
        let last = try terminal.screen(colours: true)
        #expect(last.contains("\u{1B}[31m135,5") && last.contains("\u{1B}[32m137,2"), "\(last)")
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }
}
