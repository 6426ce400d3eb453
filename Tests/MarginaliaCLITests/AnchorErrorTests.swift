import Foundation
import Testing

/// Spans that cannot be annotated: one line on stderr, exit 65, nothing recorded.
@Suite("annotate: bad quotes and ranges")
struct AnchorErrorTests {
    /// 0-1 "a", 1-2 "b", 2-7 a family (man, ZWJ, woman, ZWJ, girl), 7 "c", 8-10 the flag
    /// of Viet Nam (two regional indicators), 10 "d", 11 "q" + combining dot below (no
    /// precomposed form, so NFC keeps two scalars: 11-13), 13 "e"; 14 scalars in all.
    static let body = "ab\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}c\u{1F1FB}\u{1F1F3}dq\u{0323}e"

    static func article(in sandbox: Sandbox) throws -> String {
        let id = try sandbox.id("add", "Spans", "--body", body + " river river")
        #expect(try sandbox.json(ArticleDoc.self, "show", id, "--json").body.unicodeScalars.count == 26)
        return id
    }

    @Test func aQuoteThatDoesNotOccur() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.article(in: sandbox)
        try sandbox.expectRejected(
            "annotate", id, "--quote", "ocean", status: Exit.dataError, mentioning: "quote \"ocean\" does not occur")
        // Half of a character is not an occurrence either.
        try sandbox.expectRejected(
            "annotate", id, "--quote", "q", status: Exit.dataError, mentioning: "does not occur")
        try sandbox.expectRejected(
            "annotate", id, "--quote", "\u{1F1FB}", status: Exit.dataError, mentioning: "does not occur")
    }

    @Test func anAmbiguousQuoteWithoutOccurrence() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.article(in: sandbox)
        try sandbox.expectRejected(
            "annotate", id, "--quote", "river", status: Exit.dataError,
            mentioning: "occurs 2 times; choose one with --occurrence 1...2")
    }

    @Test(arguments: [0, 3, 99])
    func anOccurrenceOutOfRange(occurrence: Int) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.article(in: sandbox)
        try sandbox.expectRejected(
            "annotate", id, "--quote", "river", "--occurrence", "\(occurrence)", status: Exit.dataError,
            mentioning: "occurrence \(occurrence) of \"river\" does not exist; it occurs 2 times")
    }

    @Test(arguments: ["0-27", "26-27", "100-200"])
    func aRangeOutsideTheBody(range: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.article(in: sandbox)
        try sandbox.expectRejected(
            "annotate", id, "--range", range, status: Exit.dataError,
            mentioning: "is outside the body, which has 26 characters")
    }

    @Test(arguments: ["3-3", "5-4"])
    func anEmptyRange(range: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.article(in: sandbox)
        try sandbox.expectRejected("annotate", id, "--range", range, status: Exit.dataError, mentioning: "is empty")
    }

    /// Offsets inside the family emoji, between the two halves of the flag, and between
    /// "q" and its combining mark.
    @Test(arguments: [("3-8", 3), ("2-6", 6), ("0-9", 9), ("9-10", 9), ("12-14", 12), ("10-12", 12)])
    func aRangeSplittingACharacter(range: String, offset: Int) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let id = try Self.article(in: sandbox)
        try sandbox.expectRejected(
            "annotate", id, "--range", range, status: Exit.dataError,
            mentioning: "offset \(offset) falls inside a character")
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
