import Foundation
import Testing

/// `annotate --quote` and `reanchor --quote` through the real binary, with quotes typed
/// the way people type them: without diacritics, in the wrong case, with straight
/// quotes and hyphens. The stored quote, prefix and suffix are the article's own text;
/// a forgiving match is named on standard error; several are listed, none gets
/// suggestions, and a refusal writes nothing.
@Suite("annotate and reanchor: forgiving quotes")
struct ForgivingQuoteTests {
    /// A body of our own, with `Ð` (U+00D0, as Vietnamese sites write `Đ`), curly
    /// quotes, en dashes, and "Hà Nội" twice in different cases.
    static let body = """
        Hội nghị kết thúc bằng việc ký Hiệp định Paris ngày 27–1–1973. Ông Lê Đức Thọ nói: “Hòa bình đã đến gần”.
        \u{00D0}À NẴNG đón tin vui; ở Hà Nội, người dân đổ ra phố. HÀ NỘI mừng suốt đêm.
        """

    enum Command: String, CaseIterable, Sendable {
        case annotate, reanchor
    }

    /// The sandbox, the article, and the start of `command` on it: `annotate ARTICLE`, or
    /// `reanchor ANNOTATION` for an annotation already on it (made by offsets).
    static func setUp(_ command: Command) throws -> (Sandbox, article: String, line: [String]) {
        let sandbox = try Sandbox()
        let article = try sandbox.id("add", "Hiệp định Paris", "--body", body)
        switch command {
        case .annotate: return (sandbox, article, ["annotate", article])
        case .reanchor: return (sandbox, article, ["reanchor", try sandbox.id("annotate", article, "--range", "0-3")])
        }
    }

    /// The offsets of `text` in the body (it must occur once).
    static func range(of text: String) -> (start: Int, end: Int) {
        let scalars = Array(body.unicodeScalars)
        let needle = Array(text.unicodeScalars)
        let start = (0...(scalars.count - needle.count)).first { scalars[$0..<($0 + needle.count)].elementsEqual(needle) }!
        return (start, start + needle.count)
    }

    @Test(arguments: Command.allCases, [
        ("hiep dinh paris", "Hiệp định Paris"),         // without diacritics
        ("\"hoa binh da den gan\"", "“Hòa bình đã đến gần”"),  // straight quotes for curly ones
        ("27-1-1973", "27–1–1973"),                     // hyphens for en dashes
        ("LÊ ĐỨC THỌ", "Lê Đức Thọ"),                   // the wrong case
        ("Đà Nẵng", "\u{00D0}À NẴNG"),                  // Đ typed, Ð in the article
        ("da nang don", "\u{00D0}À NẴNG đón"),
    ])
    func aForgivenQuoteStoresTheArticlesWords(command: Command, quote: (typed: String, stored: String)) throws {
        let (sandbox, _, line) = try Self.setUp(command)
        defer { sandbox.remove() }
        let result = try sandbox.run(line + ["--quote", quote.typed])
        #expect(result.status == 0, "\(result)")
        #expect(result.errorLines == ["matched “\(quote.stored)” for \"\(quote.typed)\""], "\(result)")
        let id = command == .annotate ? result.lines[0] : line[1]
        let annotation = try sandbox.json(AnnotationDoc.self, "show", id, "--json")
        let (start, end) = Self.range(of: quote.stored)
        #expect(scalars(annotation.quote) == scalars(quote.stored))
        #expect((annotation.start, annotation.end, annotation.status) == (start, end, "exact"))
        #expect(Self.body.unicodeScalars.map(\.value)[..<start].suffix(32).elementsEqual(scalars(annotation.prefix)))
        #expect(Self.body.unicodeScalars.map(\.value)[end...].prefix(32).elementsEqual(scalars(annotation.suffix)))
        try sandbox.expectVerified()
    }

    @Test(arguments: Command.allCases)
    func anExactQuoteSaysNothingMore(command: Command) throws {
        let (sandbox, _, line) = try Self.setUp(command)
        defer { sandbox.remove() }
        // "Hà Nội" occurs once as typed (and twice folded): the exact match wins, silently.
        let result = try sandbox.run(line + ["--quote", "Hà Nội"])
        #expect(result.status == 0 && result.stderr == "", "\(result)")
    }

    @Test(arguments: Command.allCases)
    func severalFoldedMatchesAreRefusedAndListed(command: Command) throws {
        let (sandbox, _, line) = try Self.setUp(command)
        defer { sandbox.remove() }
        let result = try sandbox.expectRefusal(line + ["--quote", "ha noi"], status: Exit.dataError)
        let (first, second) = (Self.range(of: "Hà Nội"), Self.range(of: "HÀ NỘI"))
        #expect(result.errorLines == [
            "marginalia: quote \"ha noi\" occurs 2 times (ignoring case and diacritics); choose one with --occurrence 1...2",
            "  --occurrence 1  \(first.start)-\(first.end)  …đón tin vui; ở [Hà Nội], người dân đổ…",
            "  --occurrence 2  \(second.start)-\(second.end)  …dân đổ ra phố. [HÀ NỘI] mừng suốt đêm.",
        ], "\(result)")

        // The occurrence listed picks it.
        let picked = try sandbox.run(line + ["--quote", "ha noi", "--occurrence", "2"])
        #expect(picked.status == 0 && picked.errorLines == ["matched “HÀ NỘI” for \"ha noi\""], "\(picked)")
    }

    @Test(arguments: Command.allCases)
    func aTypoIsRefusedWithNearMatches(command: Command) throws {
        let (sandbox, _, line) = try Self.setUp(command)
        defer { sandbox.remove() }
        let result = try sandbox.expectRefusal(line + ["--quote", "hiep dinh parsi"], status: Exit.dataError)
        let paris = Self.range(of: "Hiệp định Paris")
        #expect(result.errorLines == [
            "marginalia: quote \"hiep dinh parsi\" does not occur in the body, even ignoring case and diacritics",
            "  did you mean “Hiệp định Paris”?  \(paris.start)-\(paris.end)  …thúc bằng việc ký [Hiệp định Paris] ngày 27–1–1973. Ông Lê…",
        ], "\(result)")

        // Words that are nowhere near: the one line, no suggestion.
        try sandbox.expectRejected(line + ["--quote", "thành phố Hồ Chí Minh"], status: Exit.dataError, mentioning: "does not occur")
    }

    /// `replace` finds its phrase as `annotate` finds a quote, and refuses alike.
    @Test func replaceForgivesThePhraseToo() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let article = try sandbox.id("add", "Hiệp định Paris", "--body", Self.body)
        let (first, second) = (Self.range(of: "Hà Nội"), Self.range(of: "HÀ NỘI"))
        let refused = try sandbox.expectRefusal(["replace", article, "ha noi", "Thủ đô"], status: Exit.failure)
        #expect(refused.errorLines == [
            "marginalia: \"ha noi\" occurs 2 times in the body (ignoring case and diacritics); "
                + "pass --all to replace every one, or --occurrence N for one",
            "  --occurrence 1  \(first.start)-\(first.end)  …đón tin vui; ở [Hà Nội], người dân đổ…",
            "  --occurrence 2  \(second.start)-\(second.end)  …dân đổ ra phố. [HÀ NỘI] mừng suốt đêm.",
        ], "\(refused)")
        let typo = try sandbox.expectRefusal(["replace", article, "hiep dinh parsi", "x"], status: Exit.failure)
        #expect(typo.errorLines.last?.hasPrefix("  did you mean “Hiệp định Paris”?") == true, "\(typo)")

        let one = try sandbox.run("replace", article, "ha noi", "THỦ ĐÔ", "--occurrence", "2")
        #expect(one.status == 0 && one.lines == ["replaced 1 occurrence"], "\(one)")
        #expect(one.errorLines == ["matched “HÀ NỘI” for \"ha noi\""])
        let body = try sandbox.json(ArticleDoc.self, "show", article, "--json").body
        #expect(body.hasSuffix("ở Hà Nội, người dân đổ ra phố. THỦ ĐÔ mừng suốt đêm."))
        try sandbox.expectVerified()
    }
}
