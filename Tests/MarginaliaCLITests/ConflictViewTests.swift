import Foundation
import MarginaliaCore
import Testing

/// How conflicts and changes read, end to end on the real binary: word diffs that show
/// a value replaced whole as whole, the ancestor cut around the changes, one-line
/// summaries that tell values apart, and what an edit made while deleted changed. On
/// the Vietnamese article of examples/, at wide and narrow widths.
@Suite("conflict views")
struct ConflictViewTests {
    static let title = "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam quán triệt Nghị quyết Trung ương 6 khóa XIII"
    /// The article of examples/: paragraphs of Vietnamese with stacked diacritics.
    static let body: String = {
        let url = MarginaliaProcess.packageRoot.appendingPathComponent("examples/articles/ha-noi-mua-lu.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    /// Two replicas that shared the article, then edited it apart and synced: laptop
    /// replaced the title whole and corrected the rainfall (first paragraph), office
    /// retouched the title and corrected the trucks (fifth paragraph).
    struct Story {
        let shared: SharedArticle
        var laptop: ReplicaNode { shared.laptop }
        var office: ReplicaNode { shared.office }
        var article: String { shared.article }

        init() throws {
            shared = try SharedArticle(ConflictViewTests.title, "--body", ConflictViewTests.body)
            try shared.laptop.ok("edit", shared.article, "--title", "Tiêu đề B")
            try shared.laptop.ok("replace", shared.article, "đạt 135,5 mm", "đạt 137,2 mm")
            try shared.office.ok("edit", shared.article, "--title", ConflictViewTests.title + " (bản sửa)")
            try shared.office.ok("replace", shared.article, "45 xe bơm", "52 xe bơm")
            #expect(try shared.laptop.sync(shared.office.path).newConflicts == 2)
        }
    }

    /// The lines of `conflict`'s section about `field`, up to the next conflict.
    static func section(_ lines: [String], _ field: String) throws -> [String] {
        let start = try #require(lines.firstIndex { $0.hasSuffix(": \(field) has 2 values") }, "\(lines)")
        return Array(lines[start...].prefix { !$0.hasPrefix("  settle:") })
    }

    /// Wrapped lines joined back into running text (they break at spaces).
    static func joined(_ lines: some Sequence<String>) -> String {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    @Test func aTitleReplacedWholeReadsWhole() throws {
        let s = try Story()
        defer { s.shared.lab.remove() }
        let title = try Self.section(try s.laptop.ok("conflict", s.article, env: ["COLUMNS": "400"]).lines, "title")
        #expect(title.contains { $0.contains("[-\(Self.title)-]{+Tiêu đề B+}") }, "\(title)")
        #expect(title.contains { $0.contains("Trung ương 6 khóa XIII{+ (bản sửa)+}") }, "\(title)")
    }

    @Test func theAncestorIsShownAroundTheChangesNotFromItsStart() throws {
        let s = try Story()
        defer { s.shared.lab.remove() }
        for columns in ["100", "40"] {
            let lines = try s.laptop.ok("conflict", s.article, env: ["COLUMNS": columns]).lines
            #expect(lines.allSatisfy { $0.count <= Int(columns)! }, "\(lines)")
            // The body's conflict comes first (fields in order); its ancestor is the text
            // indented under the ancestor's header.
            let header = try #require(lines.firstIndex { $0.hasPrefix("  ancestor · laptop · ") }, "\(lines)")
            let first = try #require(lines[header...].firstIndex { $0.hasPrefix("  1) ") }, "\(lines)")
            let settle = try #require(lines[first...].firstIndex { $0.hasPrefix("  settle:") }, "\(lines)")
            let ancestor = Self.joined(lines[header..<first].filter { $0.hasPrefix("     ") })
            #expect(ancestor.hasPrefix("… ") && !ancestor.contains("Sau gần sáu giờ"), "\(ancestor)")
            #expect(ancestor.contains("sáng đạt 135,5 mm, mức cao nhất") && ancestor.contains("cùng 45 xe bơm để"), "\(ancestor)")
            let values = Self.joined(lines[first..<settle])
            #expect(values.contains("[-135,5-]{+137,2+}") && values.contains("[-45-]{+52+}"), "\(values)")
        }
    }

    @Test func theOneLineListTellsTheValuesApart() throws {
        let s = try Story()
        defer { s.shared.lab.remove() }
        let lines = try s.laptop.ok("conflicts").lines
        let body = try #require(lines.firstIndex { $0.hasSuffix(": body has 2 values") }, "\(lines)")
        let values = lines[(body + 1)...].prefix(2)
        let laptop = try #require(values.first { $0.contains("  by laptop at ") }, "\(lines)")
        let office = try #require(values.first { $0.contains("  by office at ") }, "\(lines)")
        // Each shows its own words where they differ, with a few around, not the shared start.
        #expect(laptop.hasPrefix("    “… giờ sáng đạt 137,2 mm, mức … công nhân cùng 45 xe bơm để …”  by laptop"), "\(laptop)")
        #expect(office.hasPrefix("    “… giờ sáng đạt 135,5 mm, mức … công nhân cùng 52 xe bơm để …”  by office"), "\(office)")
        let title = try #require(lines.firstIndex { $0.hasSuffix(": title has 2 values") }, "\(lines)")
        #expect(lines[(title + 1)...].prefix(2).contains { $0.hasPrefix("    “Tiêu đề B”  by laptop") }, "\(lines)")
        // Sharing nothing, the other is shown from its start, as far as the line allows.
        #expect(lines[(title + 1)...].prefix(2).contains { $0.hasPrefix("    “Liên hiệp các Hội Khoa học") && $0.contains("…”  by office") },
                "\(lines)")
    }

    /// In a narrow terminal the list wraps between words, each value's continuation
    /// indented under its quote, so that Vietnamese words are never cut; piped (above),
    /// each value stays one line.
    @Test func theListWrapsBetweenWordsInANarrowTerminal() throws {
        let s = try Story()
        defer { s.shared.lab.remove() }
        let terminal = try TerminalSession(s.shared.lab.sandbox, arguments: ["--db", s.laptop.path, "conflicts"], size: (40, 60))
        defer { terminal.close() }
        #expect(try terminal.waitForExit() == 0)
        // `screen` joins the terminal's own wraps: a line longer than the window would
        // come back whole.
        let lines = try terminal.screen().components(separatedBy: "\n").filter { !$0.hasPrefix("[exit status") }
        for line in lines { #expect(DisplayWidth.of(line) <= 40, "\(line)") }
        let words = Self.joined(lines).split(separator: " ")
        for word in ["“…", "giờ", "sáng", "đạt", "137,2", "135,5", "mm,", "xe", "bơm", "laptop", "office"] {
            #expect(words.contains(Substring(word)), "\(word) in \(lines)")
        }
        let body = try #require(lines.firstIndex { $0.hasPrefix("article ") }, "\(lines)")
        #expect(lines[body + 1].hasPrefix("  ") && !lines[body + 1].hasPrefix("    "), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("    “… giờ sáng đạt 137,2 mm, mức") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("      ") }, "\(lines)")
    }

    /// An edit made while the article was deleted elsewhere: `conflict` shows what the
    /// edit changed; the walk-through names the fields and `d` shows the diffs.
    @Test func anEditWhileDeletedShowsWhatTheEditChanged() throws {
        let shared = try SharedArticle(Self.title, "--body", Self.body)
        defer { shared.lab.remove() }
        let (laptop, office, article) = (shared.laptop, shared.office, shared.article)
        try laptop.ok("rm", article)
        try office.ok("replace", article, "45 xe bơm", "52 xe bơm")
        try office.ok("edit", article, "--title", "Tiêu đề B")
        #expect(try laptop.sync(office.path).newConflicts == 1)

        for columns in ["100", "40"] {
            let shown = try laptop.ok("conflict", article, env: ["COLUMNS": columns]).lines
            #expect(shown.allSatisfy { $0.count <= Int(columns)! }, "\(shown)")
            let kept = try #require(shown.firstIndex { $0.hasPrefix("  1) kept · office · ") }, "\(shown)")
            let deleted = try #require(shown.firstIndex { $0.hasPrefix("  2) deleted · laptop · ") }, "\(shown)")
            let edits = Self.joined(shown[kept..<deleted].filter { $0.hasPrefix("     ") })
            #expect(edits.hasPrefix("body: …") && edits.contains("cùng [-45-]{+52+} xe bơm"), "\(edits)")
            #expect(edits.contains("title: [-\(Self.title)-]{+Tiêu đề B+}"), "\(edits)")
        }

        // --json: each kept value's edits, with the diff of text.
        let json = try laptop.ok("conflict", article, "--json").stdout
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let conflict = try #require((document["conflicts"] as? [[String: Any]])?.first, "\(json)")
        let kept = try #require((conflict["values"] as? [[String: Any]])?.first, "\(json)")
        let edits = try #require(kept["edits"] as? [[String: Any]], "\(json)")
        #expect(edits.map { $0["field"] as? String } == ["body", "title"], "\(json)")
        #expect(edits[1]["before"] as? String == Self.title && edits[1]["after"] as? String == "Tiêu đề B", "\(json)")
        let diff = try #require(edits[0]["diff"] as? [[String: String]], "\(json)")
        #expect(diff.filter { $0["op"] != "equal" } == [["op": "deleted", "text": "45"], ["op": "inserted", "text": "52"]], "\(json)")

        let walk = try laptop.ok(["resolve"], stdin: Data("d\ns\n".utf8), env: ["COLUMNS": "100"]).lines
        let prompt = try #require(walk.firstIndex { $0.hasPrefix("[1/1] ") }, "\(walk)")
        #expect(walk[..<prompt].contains("     edited body, title"), "\(walk)")
        #expect(!walk[..<prompt].contains { $0.contains("{+") }, "\(walk)")
        #expect(walk[prompt...].contains { $0.contains("[-45-]{+52+}") }, "\(walk)")
    }
}
