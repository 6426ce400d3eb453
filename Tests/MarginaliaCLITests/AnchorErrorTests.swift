import Foundation
import Testing

/// Spans that cannot be annotated, or re-anchored to: one line on stderr, exit 65,
/// nothing recorded. `annotate` and `reanchor` build anchors alike and refuse alike.
@Suite("annotate and reanchor: bad quotes and ranges")
struct AnchorErrorTests {
    /// The commands that take a span.
    enum Command: String, CaseIterable, Sendable {
        case annotate, reanchor
    }

    /// 0-1 "a", 1-2 "b", 2-7 a family (man, ZWJ, woman, ZWJ, girl), 7 "c", 8-10 the flag
    /// of Viet Nam (two regional indicators), 10 "d", 11 "q" + combining dot below (no
    /// precomposed form, so NFC keeps two scalars: 11-13), 13 "e"; 14 scalars in all.
    static let body = "ab\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}c\u{1F1FB}\u{1F1F3}dq\u{0323}e"

    static func article(in sandbox: Sandbox) throws -> String {
        let id = try sandbox.id("add", "Spans", "--body", body + " river river")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body.unicodeScalars.count == 26)
        return id
    }

    /// The start of `command` on the test article: `annotate ARTICLE`, or `reanchor
    /// ANNOTATION` for an annotation already on it.
    static func commandLine(_ command: Command, in sandbox: Sandbox) throws -> [String] {
        let article = try article(in: sandbox)
        switch command {
        case .annotate: return ["annotate", article]
        case .reanchor: return ["reanchor", try sandbox.id("annotate", article, "--quote", "d")]
        }
    }

    @Test(arguments: Command.allCases)
    func aQuoteThatDoesNotOccur(command: Command) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let line = try Self.commandLine(command, in: sandbox)
        try sandbox.expectRejected(
            line + ["--quote", "ocean"], status: Exit.dataError, mentioning: "quote \"ocean\" does not occur")
        // Half of a character is not an occurrence either (a base letter without its mark
        // is one, but of the whole character: see ForgivingQuoteTests).
        try sandbox.expectRejected(line + ["--quote", "\u{1F1FB}"], status: Exit.dataError, mentioning: "does not occur")
        try sandbox.expectRejected(line + ["--quote", "\u{1F468}"], status: Exit.dataError, mentioning: "does not occur")
    }

    /// Refused with each occurrence listed under the error line, with its offsets and the
    /// `--occurrence` that picks it; nothing written.
    @Test(arguments: Command.allCases)
    func anAmbiguousQuoteWithoutOccurrence(command: Command) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let line = try Self.commandLine(command, in: sandbox)
        let result = try sandbox.expectRefusal(line + ["--quote", "river"], status: Exit.dataError)
        #expect(result.errorLines == [
            "marginalia: quote \"river\" occurs 2 times; choose one with --occurrence 1...2",
            "  --occurrence 1  15-20  \(Self.body) [river] river",
            "  --occurrence 2  21-26  \(Self.body) river [river]",
        ], "\(result)")
    }

    @Test(arguments: Command.allCases, [0, 3, 99])
    func anOccurrenceOutOfRange(command: Command, occurrence: Int) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.expectRejected(
            try Self.commandLine(command, in: sandbox) + ["--quote", "river", "--occurrence", "\(occurrence)"],
            status: Exit.dataError,
            mentioning: "occurrence \(occurrence) of \"river\" does not exist; it occurs 2 times")
    }

    @Test(arguments: Command.allCases, ["0-27", "26-27", "100-200"])
    func aRangeOutsideTheBody(command: Command, range: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.expectRejected(
            try Self.commandLine(command, in: sandbox) + ["--range", range], status: Exit.dataError,
            mentioning: "is outside the body, which has 26 characters")
    }

    @Test(arguments: Command.allCases, ["3-3", "5-4"])
    func anEmptyRange(command: Command, range: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.expectRejected(
            try Self.commandLine(command, in: sandbox) + ["--range", range], status: Exit.dataError, mentioning: "is empty")
    }

    /// Offsets inside the family emoji, between the two halves of the flag, and between
    /// "q" and its combining mark.
    @Test(arguments: Command.allCases, [("3-8", 3), ("2-6", 6), ("0-9", 9), ("9-10", 9), ("12-14", 12), ("10-12", 12)])
    func aRangeSplittingACharacter(command: Command, span: (range: String, offset: Int)) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.expectRejected(
            try Self.commandLine(command, in: sandbox) + ["--range", span.range], status: Exit.dataError,
            mentioning: "offset \(span.offset) falls inside a character")
    }

    @Test(arguments: Command.allCases)
    func usageErrors(command: Command) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let line = try Self.commandLine(command, in: sandbox)
        try sandbox.expectUsageError(line, mentioning: "choose the span")
        try sandbox.expectUsageError(line + ["--quote", "river", "--range", "0-3"], mentioning: "not both")
        try sandbox.expectUsageError(line + ["--range", "0-3", "--occurrence", "1"], mentioning: "--occurrence")
        try sandbox.expectUsageError(line + ["--range", "3"], mentioning: "--range")
        try sandbox.expectUsageError(line + ["--range", "a-b"], mentioning: "--range")
    }

    @Test func wholeCharactersAreFine() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.article(in: sandbox)
        let spans = [("2-7", "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"), ("8-10", "\u{1F1FB}\u{1F1F3}"),
                     ("11-13", "q\u{0323}"), ("0-14", Self.body)]
        for (range, quote) in spans {
            let annotation = try sandbox.id("annotate", id, "--range", range)
            let stored = try sandbox.json(AnnotationDoc.self, "show", annotation, "--json").quote
            #expect(scalars(stored) == scalars(quote), "range \(range)")
        }
        try sandbox.expectVerified()
    }
}
