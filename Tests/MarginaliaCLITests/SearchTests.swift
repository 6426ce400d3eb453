import Foundation
import Testing

@Suite("search")
struct SearchTests {
    /// The articles `search ARGUMENTS --json` finds; none when it exits 1 saying so.
    private func found(_ sandbox: Sandbox, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation)
        throws -> [String]
    {
        let result = try sandbox.run(["search"] + arguments + ["--json"])
        if result.status == 1, result.stdout.isEmpty, result.errorLines.first?.hasPrefix("marginalia: no matches for ") == true {
            return []
        }
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)", sourceLocation: sourceLocation)
        return try result.jsonLines(SearchResultDoc.self).map(\.article)
    }

    @Test func searchIgnoresDiacritics() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyExampleArticles()
        let ids = try sandbox.ok("import", folder).lines
        let hanoi = ids[1]  // cafe-sua-da, ha-noi-mua-lu, reading-in-the-margins

        let hits = try sandbox.jsonLines(SearchResultDoc.self, "search", "nuoc", "--json")
        #expect(hits.map(\.article) == [hanoi])
        #expect(hits.first?.title == ImportListTests.vietnameseTitle)
        #expect(hits.first?.snippet?.contains("[nước]") == true, "\(hits)")
        #expect(hits.first?.notes.isEmpty == true)

        // Several words: each must occur; case and marks do not matter either way.
        #expect(try found(sandbox, "muc", "nuoc") == [hanoi])
        #expect(try found(sandbox, "MỰC NƯỚC") == [hanoi])
        #expect(try found(sandbox, "cafe") == [ids[0]])

        let human = try sandbox.ok("search", "muc", "nuoc")
        #expect(human.lines.count == 2)
        #expect(human.lines.first == "\(hanoi.prefix(8))  \(ImportListTests.vietnameseTitle)")
        #expect(human.lines.last?.hasPrefix("    ") == true)
        #expect(human.lines.last?.contains("[mực] [nước]") == true, "\(human)")
    }

    /// Vietnamese typed without marks writes "d" for "đ": "Dong Da" is "Đống Đa", and
    /// "duong" is also "ÐƯỜNG" as sites write it with the eth (U+00D0).
    @Test func searchFoldsDStrokeAndItsLookAlikesToD() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let folder = try sandbox.copyExampleArticles()
        let hanoi = try sandbox.id("import", "\(folder)/ha-noi-mua-lu.txt")
        #expect(try found(sandbox, "Dong", "Da") == [hanoi])
        #expect(try found(sandbox, "duc") == [hanoi])
        let eth = try sandbox.id("add", "ÐƯỜNG LÁNG NGẬP", "--body", "ÐOẠN gần ngã tư Ðại Cồ Việt")
        #expect(Set(try found(sandbox, "duong", "lang")) == [eth, hanoi])
        #expect(try found(sandbox, "\"doan gan\"") == [eth])
        #expect(try found(sandbox, "title:duong") == [eth])
        // Typed with the letter Vietnamese uses, or with its look-alike, the query folds the same way.
        #expect(try found(sandbox, "\"Đại cồ\"") == [eth])
        let typedWithDStroke = try found(sandbox, "Đường")
        #expect(try found(sandbox, "ÐƯỜNG") == typedWithDStroke)
    }

    /// The query language on a small Vietnamese library, typed without diacritics.
    @Test func queryLanguage() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let flood = try sandbox.id(
            "add", "Hà Nội ngập sâu", "--body", "Mực nước sông Tô Lịch dâng cao, đường Láng ngập nửa bánh xe.",
            "--tag", "Đối-ngoại")
        let bridge = try sandbox.id("add", "Cầu Long Biên", "--body", "Xe qua cầu chậm vì mưa lớn ở Hà Nội.")
        let note = try sandbox.id("annotate", bridge, "--quote", "mưa lớn", "--note", "Đo mực nước lúc 6 giờ", "--tag", "lũ")

        #expect(Set(try found(sandbox, "ha", "noi")) == [flood, bridge])
        #expect(try found(sandbox, "\"nuoc song\"") == [flood])
        #expect(try found(sandbox, "\"song nuoc\"").isEmpty)
        #expect(try found(sandbox, "ngap*") == [flood])
        #expect(try found(sandbox, "\"banh x\"*") == [flood])
        #expect(Set(try found(sandbox, "lich OR bien")) == [flood, bridge])
        // A word to exclude is one argument or part of one; one that reads as a global
        // option (-c) goes after "--".
        #expect(try found(sandbox, "xe", "-lang") == [bridge])
        #expect(try found(sandbox, "xe -lang") == [bridge])
        let afterDashes = try sandbox.ok("search", "--json", "--", "xe", "-lang")
        #expect(try afterDashes.jsonLines(SearchResultDoc.self).map(\.article) == [bridge])
        #expect(try found(sandbox, "xe -\"duong lang\"") == [bridge])
        #expect(try found(sandbox, "title:cau") == [bridge])
        #expect(try found(sandbox, "NOTE:muc") == [bridge])
        #expect(try found(sandbox, "nuoc", "tag:doi-ngoai") == [flood])
        #expect(try found(sandbox, "nuoc -tag:DOI-NGOAI") == [bridge])
        #expect(try found(sandbox, "nuoc tag:lu") == [bridge])

        // An article found by a note lists the note under it; its own passage when it matched too.
        let both = try sandbox.jsonLines(SearchResultDoc.self, "search", "mua OR nuoc", "--json")
        let onBridge = try #require(both.first { $0.article == bridge })
        #expect(onBridge.snippet == "Xe qua cầu chậm vì [mưa] lớn ở Hà Nội.")
        #expect(onBridge.notes.map(\.id) == [note])
        #expect(onBridge.notes.first?.snippet == "Đo mực [nước] lúc 6 giờ")
        let noteOnly = try sandbox.jsonLines(SearchResultDoc.self, "search", "gio", "--json")
        #expect(noteOnly.map(\.article) == [bridge] && noteOnly.first?.snippet == nil)

        let human = try sandbox.ok("search", "mua", "OR", "nuoc").lines
        #expect(human.contains("\(bridge.prefix(8))  Cầu Long Biên"))
        #expect(human.contains("    Xe qua cầu chậm vì [mưa] lớn ở Hà Nội."))
        #expect(human.contains("    note \(note.prefix(8)): Đo mực [nước] lúc 6 giờ"))
    }

    /// Like grep: nothing found is status 1 with one line on standard error.
    @Test func noMatchesExitsOne() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("add", "Hà Nội ngập sâu", "--body", "Mực nước dâng cao.")
        for arguments in [["search", "pencil"], ["search", "--json", "--", "nuoc", "-cao"], ["search", "nuoc tag:none"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 1, "\(result)")
            #expect(result.stdout == "")
            #expect(result.errorLines == ["marginalia: no matches for \(arguments[1...].filter { $0 != "--json" && $0 != "--" }.joined(separator: " "))"])
        }
    }

    /// A query that cannot be read says where, in the query's own terms (never FTS5's), with status 64.
    @Test func badSyntaxSaysWhere() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("add", "Hà Nội", "--body", "she said \"trust me\" (twice) AND left")
        try sandbox.expectUsageError(
            "search", "\"ha noi", mentioning: "bad query at column 1: the phrase opened here has no closing quote")
        try sandbox.expectUsageError("search", "lu", "OR", mentioning: "bad query at column 4: OR needs a word after it")
        try sandbox.expectUsageError("search", "nuoc", "--limt", "3", mentioning: "unknown option '--limt'")
        try sandbox.expectUsageError("search", "-xe", mentioning: "bad query: give a word to look for that is neither excluded nor tag:")
        try sandbox.expectUsageError("search", "nuoc", "*", mentioning: "bad query at column 6: a '*' goes at the end")
        // What FTS5 would read as syntax is only words here.
        #expect(try found(sandbox, "AND", "(twice)").count == 1)
        #expect(try sandbox.run("search", "NEAR(x", "col:x", "^x", "NOT").status == 1)
    }

    @Test func resultsAreRankedBestFirst() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let filler = Array(repeating: "lorem ipsum dolor sit amet", count: 40).joined(separator: " ")
        let weak = try sandbox.id("add", "Weak", "--body", "\(filler) nước \(filler)")
        let strong = try sandbox.id("add", "Nước sạch", "--body", "Nước, nước và nước.")
        let unrelated = try sandbox.id("add", "Unrelated", "--body", "nothing to see")
        let annotation = try sandbox.id("annotate", unrelated, "--quote", "nothing", "--note", "thiếu nước")

        let hits = try sandbox.jsonLines(SearchResultDoc.self, "search", "nuoc", "--json")
        #expect(Set(hits.map(\.article)) == [weak, strong, unrelated])
        #expect(hits.first?.article == strong)
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.rank <= $1.rank }, "\(hits.map(\.rank))")
        #expect(hits.first { $0.article == unrelated }?.notes.map(\.id) == [annotation])
        #expect(try found(sandbox, "nuoc", "--limit", "1") == [strong])
    }

    @Test func searchWithoutWordsIsAUsageError() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("init")
        try sandbox.expectUsageError("search", mentioning: "Missing expected argument '<words> ...'")
        try sandbox.expectUsageError("search", "x", "--limit", "0", mentioning: "--limit must be at least 1")
    }

    /// On a terminal matched words are underlined, not bracketed; never under NO_COLOR.
    @Test func colourOnATerminal() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("add", "Hà Nội ngập sâu", "--body", "Mực nước sông Tô Lịch dâng cao.")
        let coloured = try sandbox.runInTerminal(["search", "nuoc"], env: ["LINES": "100"])
        #expect(coloured.status == 0, "\(coloured)")
        #expect(coloured.stdout.contains("Mực \u{1B}[0;4mnước\u{1B}[0m sông"), "\(coloured)")
        let plain = try sandbox.runInTerminal(["search", "nuoc"], env: ["LINES": "100", "NO_COLOR": "1"])
        #expect(plain.stdout.contains("Mực [nước] sông") && !plain.stdout.contains("\u{1B}["), "\(plain)")
    }

    /// `--color` overrides what the terminal and the environment say, either way.
    @Test func colourAsAskedWithColor() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.ok("add", "Hà Nội ngập sâu", "--body", "Mực nước sông Tô Lịch dâng cao.")
        let piped = try sandbox.ok("--color", "always", "search", "nuoc")
        #expect(piped.stdout.contains("Mực \u{1B}[0;4mnước\u{1B}[0m sông"), "\(piped)")
        let never = try sandbox.runInTerminal(["--color", "never", "search", "nuoc"], env: ["LINES": "100"])
        #expect(never.stdout.contains("Mực [nước] sông") && !never.stdout.contains("\u{1B}["), "\(never)")
        try sandbox.expectUsageError("--color", "sometimes", "status", mentioning: "--color")
    }
}
