import Foundation
import MarginaliaCore
import Testing

/// `import --dry-run` in a real terminal: a person checking an extraction reads it
/// wrapped at word boundaries, through the pager when it is taller than the screen.
@Suite("import --dry-run in a terminal")
struct WebImportTerminalTests {
    static let blog = WebImportTests.pages.appendingPathComponent("blog-ca-phe-phin.html").path

    @Test func aNarrowTerminalWrapsThePreviewBetweenWords() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try TerminalSession(sandbox, arguments: ["import", "--dry-run", Self.blog], size: (40, 100))
        defer { terminal.close() }
        #expect(try terminal.waitForExit() == 0)
        // `screen` joins the terminal's own wraps: a line longer than the window would
        // come back whole.
        let lines = try terminal.screen().components(separatedBy: "\n")
        #expect(lines.contains("4. Rót đầy phin, đậy nắp và chờ. Một"), "\(lines)")
        #expect(lines.contains("phin ngon nhỏ giọt trong 4 đến 5 phút."), "\(lines)")
        // The poem's own line breaks stay.
        #expect(lines.contains("Sáng nay trời nhẹ như tơ,"), "\(lines)")
        for line in lines where !line.hasPrefix("[exit status") {
            #expect(DisplayWidth.of(line) <= 40, "\(line)")
        }
        #expect(try sandbox.ok("status").stdout.contains("articles    0"))
    }

    @Test func aPreviewTallerThanTheScreenIsPaged() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let terminal = try TerminalSession(
            sandbox, arguments: ["import", "--dry-run", Self.blog], env: ["PAGER": "less"], size: PagerTerminalTests.size)
        defer { terminal.close() }
        let first = try terminal.waitFor("title: Pha cà phê phin cho buổi sáng")
        #expect(!first.contains("bất cứ đâu"), "the whole preview fit on one screen:\n\(first)")
        try PagerTerminalTests.pressing("G", in: terminal, until: "bất cứ đâu.")
        try terminal.press("q")
        #expect(try terminal.waitForExit() == 0)
    }
}
