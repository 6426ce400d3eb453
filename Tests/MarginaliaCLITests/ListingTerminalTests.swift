import Foundation
import MarginaliaCore
import Testing

/// The listings (`ls`, `log`, `status`, `search`) in a narrow real terminal: each item wraps
/// between words, its continuation lines hang under the text after the id, and no
/// Vietnamese word is cut where the terminal would have wrapped it. Piped, each item
/// is one line (the listing tests elsewhere read them so). Help's examples too.
@Suite("listings in a narrow terminal")
struct ListingTerminalTests {
    static let columns = 40

    /// The screen after `arguments` ran in a terminal 40 columns wide; `screen` joins the
    /// terminal's own wraps, so a line longer than the window would come back whole.
    /// Every line must fit, unless `allFit` is false (the argument parser's usage line
    /// does not wrap).
    static func lines(_ sandbox: Sandbox, _ arguments: String..., allFit: Bool = true) throws -> [String] {
        let terminal = try TerminalSession(sandbox, arguments: arguments, size: (columns, 100))
        defer { terminal.close() }
        #expect(try terminal.waitForExit() == 0)
        let lines = try terminal.screen().components(separatedBy: "\n").filter { !$0.hasPrefix("[exit status") && !$0.isEmpty }
        for line in lines where allFit { #expect(DisplayWidth.of(line) <= columns, "\(line)") }
        return lines
    }

    @Test func listingsWrapBetweenWordsUnderTheirFirstColumn() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try PagerTerminalTests.desk(sandbox)
        try sandbox.ok("tag", id, "+thời-tiết")
        let short = String(id.prefix(8))

        let ls = try Self.lines(sandbox, "ls")
        #expect(ls == [
            "\(short)  Hà Nội: Mưa lớn kéo dài, nhiều",
            "          tuyến phố ngập sâu  #thời-tiết",
        ], "\(ls)")

        // Its first column (dot, author, time, entity) is too wide to hang under at 40:
        // the whole entry wraps, hanging by four.
        let log = try Self.lines(sandbox, "log")
        let heads = log.filter { $0.range(of: #"^[0-9a-z]{8}:[0-9]+  desk  "#, options: .regularExpression) != nil }
        #expect(heads.count == 2 && log.allSatisfy { heads.contains($0) || $0.hasPrefix("    ") }, "\(log)")
        #expect(log.joined(separator: " ").contains("title=“Hà Nội: Mưa lớn kéo dài,"), "\(log)")

        // The identity's fingerprint and the file's path, one word each, are cut to
        // fit, and go on under the values.
        let status = try Self.lines(sandbox, "status")
        let identity = try #require(status.firstIndex { $0.hasPrefix("identity    ") }, "\(status)")
        #expect(status[identity + 1].hasPrefix("            "), "\(status)")
        #expect(status.contains("conflicts   0"), "\(status)")

        let search = try Self.lines(sandbox, "search", "Tô Lịch")
        #expect(search.prefix(2) == ["\(short)  Hà Nội: Mưa lớn kéo dài, nhiều", "          tuyến phố ngập sâu"], "\(search)")
        // The snippet, its matched words underlined on the terminal, hangs by four.
        #expect(search.count > 3 && search.dropFirst(2).allSatisfy { $0.hasPrefix("    ") }, "\(search)")
        #expect(search.joined(separator: " ").contains("sông Tô Lịch"), "\(search)")
    }

    /// Help's examples (Vietnamese quotes among them) wrap the same way, hanging by six.
    @Test func helpsExamplesWrapBetweenWords() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let lines = try Self.lines(sandbox, "annotate", "--help", allFit: false)
        let examples = try #require(lines.firstIndex(of: "EXAMPLES:"), "\(lines)")
        let section = lines[(examples + 1)...]
        for line in section { #expect(DisplayWidth.of(line) <= Self.columns, "\(line)") }
        #expect(section.allSatisfy { $0.hasPrefix("  annotate ") || $0.hasPrefix("      ") }, "\(section)")
        #expect(ListingTerminalTests.joined(section).contains("--quote \"mực nước\" --occurrence 2 --note \"đo lúc 6h\""), "\(section)")
    }

    /// The REPL's banner too: "leave" was cut in two at 40 columns.
    @Test func theREPLsBannerWrapsBetweenWords() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "desk")
        let terminal = try TerminalSession(sandbox, size: (Self.columns, 24))
        defer { terminal.close() }
        try terminal.waitFor("desk> ")
        let lines = try terminal.screen().components(separatedBy: "\n").filter { !$0.isEmpty }
        for line in lines { #expect(DisplayWidth.of(line) <= Self.columns, "\(line)") }
        #expect(lines.first == "Marginalia on replica desk", "\(lines)")
        #expect(Self.joined(lines).contains("Tab to complete, Ctrl-D to leave."), "\(lines)")
        try terminal.press("C-d")
    }

    /// And `help`'s part about the REPL, which the terminal cut even at 80 columns.
    @Test func theREPLsHelpWrapsBetweenWords() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init", "--name", "desk")
        let terminal = try TerminalSession(sandbox, size: (80, 24))
        defer { terminal.close() }
        try terminal.waitFor("desk> ")
        try terminal.enter("help")
        try terminal.waitFor("shows a command's options and examples.")
        let lines = try terminal.screen().components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "IN THE REPL:"), "\(lines)")
        #expect(lines[start - 1].isEmpty, "\(lines)")
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("desk> ") }
        for line in section { #expect(DisplayWidth.of(line) <= 80 && line.hasPrefix("  "), "\(line)") }
        #expect(Self.joined(section).contains("ids (also from a word of a title or note), peers and fields."), "\(section)")
        try terminal.press("C-d")
    }

    static func joined(_ lines: some Sequence<String>) -> String {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
