import Foundation
import Testing

/// `show` as people read it: wrapped to the terminal by display width, annotated spans
/// marked with the numbers of the notes listed below, colour and paging only on a terminal.
@Suite("show rendering")
struct ShowRenderingTests {
    static let body = """
        Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng cao, \
        Đường Láng ngập nửa bánh xe.
        Người dân ở phường Trung Hòa phải đi đường vòng.
        """

    /// An article with two annotations, one of them with a note and a tag.
    func article(in sandbox: Sandbox) throws -> (article: String, river: String, road: String) {
        let article = try sandbox.id("add", "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố ngập", "--body", Self.body)
        let river = try sandbox.id(
            "annotate", article, "--quote", "Mực nước sông Tô Lịch", "--note", "Đo lúc 6 giờ sáng ở trạm Cầu Giấy, cao hơn hôm qua 20 cm",
            "--tag", "flood")
        let road = try sandbox.id("annotate", article, "--quote", "Đường Láng")
        return (article, river, road)
    }

    @Test func wrapsVietnameseToFortyColumnsWithMarkersAndNotes() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (article, river, road) = try article(in: sandbox)

        let result = try sandbox.ok("show", article, env: ["COLUMNS": "40"])
        let lines = result.lines
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(result)")
        #expect(lines == [
            "Hà Nội: Mưa lớn kéo dài, nhiều tuyến phố",
            "ngập",
            "id \(article) · updated \(lines[2].suffix(10))",
            lines[3],
            "",
            "Mưa lớn kéo dài khiến nhiều tuyến đường",
            "ở Hà Nội ngập sâu. [Mực nước sông Tô",
            "Lịch]¹ dâng cao, [Đường Láng]² ngập nửa",
            "bánh xe.",
            "Người dân ở phường Trung Hòa phải đi",
            "đường vòng.",
            "",
            "Annotations",
            "[1] \(river.prefix(8))  59-80  “Mực nước sông Tô",
            "Lịch”",
            "    Đo lúc 6 giờ sáng ở trạm Cầu Giấy,",
            "    cao hơn hôm qua 20 cm",
            "    #flood",
            "[2] \(road.prefix(8))  91-101  “Đường Láng”",
        ], "\(result)")
        // The time wraps at its space: `2026-11-29` then `16:19`.
        #expect(lines[3].count == 5 && lines[3].dropFirst(2).first == ":", "\(result)")
        // Output to a file is never coloured, whatever the terminal type.
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func decomposedTextTakesTheSameColumns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        // Typed in NFD (as some keyboards do): stored in NFC, and wrapped the same.
        let nfd = "Nguye\u{0302}\u{0303}n Văn Đức đo mu\u{031B}\u{0323}c nu\u{031B}o\u{031B}\u{0301}c ở bến Đò"
        let article = try sandbox.id("add", "NFD", "--body", nfd)
        let lines = try sandbox.ok("show", article, env: ["COLUMNS": "20"]).lines
        let body = Array(lines.drop { $0 != "" }.dropFirst().prefix { $0 != "" })
        #expect(body == ["Nguyễn Văn Đức đo", "mực nước ở bến Đò"])
    }

    @Test func wideCharactersAndEmojiWrapByColumns() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Wide", "--body", "日本語の記事 👩‍👩‍👧 🇻🇳 ok")
        let lines = try sandbox.ok("show", article, env: ["COLUMNS": "8"]).lines
        let body = Array(lines.drop { $0 != "" }.dropFirst().prefix { $0 != "" })
        #expect(body == ["日本語の", "記事 👩‍👩‍👧", "🇻🇳 ok"])
    }

    @Test func colourOnATerminalAndNeverUnderNoColorOrDumb() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (article, _, _) = try article(in: sandbox)
        let size: [String: String?] = ["COLUMNS": "60", "LINES": "100"]

        let coloured = try sandbox.runInTerminal(["show", article], env: size)
        #expect(coloured.status == 0, "\(coloured)")
        // Underlined span, coloured number: no brackets when colour shows the span.
        #expect(coloured.stdout.contains("\u{1B}[0;4mMực nước sông Tô"), "\(coloured)")
        #expect(coloured.stdout.contains("\u{1B}[0;1;36m¹"), "\(coloured)")
        #expect(!coloured.stdout.contains("[Mực"))

        for env in [["NO_COLOR": "1"], ["TERM": "dumb"]] {
            let plain = try sandbox.runInTerminal(["show", article], env: size.merging(env) { $1 })
            #expect(plain.status == 0, "\(plain)")
            #expect(!plain.stdout.contains("\u{1B}["), "\(env): \(plain)")
            #expect(plain.stdout.contains("[Mực nước sông Tô"), "\(env): \(plain)")
        }
    }

    @Test func tallOutputGoesThroughThePagerOnlyOnATerminal() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let (article, _, _) = try article(in: sandbox)
        // The fake pager counts the lines it was given.
        let pager: [String: String?] = ["PAGER": "wc -l", "COLUMNS": "40", "LINES": "5"]

        let paged = try sandbox.runInTerminal(["show", article], env: pager)
        #expect(paged.status == 0, "\(paged)")
        #expect(paged.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "19", "\(paged)")

        // Short enough for the screen: no pager.
        let short = try sandbox.runInTerminal(["show", article], env: pager.merging(["LINES": "50"]) { $1 })
        #expect(short.stdout.contains("Annotations"), "\(short)")

        // Not a terminal: never a pager, however tall.
        let piped = try sandbox.ok(["show", article], env: pager)
        #expect(piped.lines.count == 19 && piped.lines.contains("Annotations"), "\(piped)")
    }

    @Test func controlCharactersInTheBodyAreShownNotSent() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Escapes", "--body", "before \u{1B}[31mred\u{07} after")
        let result = try sandbox.ok("show", article)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.lines.contains("before ␛[31mred␇ after"), "\(result)")
    }

    /// A note's line breaks (LF, NEL, LS) start new lines; its other controls (ESC, a
    /// C1 control) are shown as pictures, never sent.
    @Test func aNoteBreaksAtEveryLineBreakAndShowsItsControls() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Notes", "--body", "Một câu ngắn.")
        let note = "one\ntwo\u{85}three\u{2028}four \u{1B}[1m five\u{9B}six"
        try sandbox.ok("annotate", article, "--quote", "câu", "--note", note)
        let result = try sandbox.ok("show", article)
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{9B}"), "\(result)")
        for line in ["one", "two", "three", "four ␛[1m five�six"] {
            #expect(result.lines.contains("    " + line), "\(line): \(result)")
        }
    }
}
