import Foundation
import MarginaliaCore
import Testing

/// Quotes typed the way people type: without diacritics, with straight quotes and
/// hyphens, in another case. The anchor is always the body's own text.
@Suite("QuoteLookup and forgiving anchors")
struct QuoteLookupTests {
    static let body = """
        Hiệp định Paris được ký ngày 27–1–1973. Ông Lê Đức Thọ nói: “Hòa bình đã đến”.
        ÐÀ NẴNG và Hà Nội, rồi HÀ NỘI lại mừng.
        """

    private func anchor(_ quote: String, occurrence: Int? = nil) throws -> Anchor {
        try AnchorBuilder(body: Self.body, revision: nil).anchor(quote: quote, occurrence: occurrence)
    }

    private func refusal(_ quote: String, in body: String = Self.body) -> AnchorError? {
        do {
            let anchor = try AnchorBuilder(body: body, revision: nil).anchor(quote: quote)
            Issue.record("expected a refusal, got \(anchor.quote)")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("hiep dinh paris", "Hiệp định Paris"),
        ("HIEP DINH PARIS", "Hiệp định Paris"),
        ("27-1-1973", "27–1–1973"),
        ("\"hoa binh da den\"", "“Hòa bình đã đến”"),
        ("le duc tho", "Lê Đức Thọ"),
        ("Đà Nẵng", "ÐÀ NẴNG"),
        ("da nang", "ÐÀ NẴNG"),
    ])
    func aFoldedQuoteAnchorsTheBodysOwnWords(typed: String, stored: String) throws {
        let found = try #require(try? anchor(typed))
        #expect(found.quote.unicodeScalars.elementsEqual(stored.unicodeScalars), "\(typed)")
        let scalars = Array(Self.body.unicodeScalars)
        #expect(ScalarText(Self.body).holds(Array(found.quote.unicodeScalars), at: found.start..<found.end))
        #expect(found.prefix.unicodeScalars.elementsEqual(scalars[max(0, found.start - Anchor.contextLength)..<found.start]))
    }

    @Test func aQuoteSpanningALineBreak() throws {
        let found = try anchor("den\". da nang")
        #expect(found.quote == "đến”.\nÐÀ NẴNG")
    }

    @Test func anExactMatchComesFirst() throws {
        // "Hà Nội" occurs once as typed, twice folded.
        let found = try anchor("Hà Nội")
        #expect(found.quote == "Hà Nội")
        #expect(found.start == ScalarText(Self.body).occurrences(of: Array("Hà Nội".unicodeScalars))[0].lowerBound)
    }

    @Test func severalFoldedMatchesAreListedWithTheirContext() throws {
        guard case .quoteAmbiguous(let quote, let occurrences, let folded) = refusal("ha noi") else {
            Issue.record("not ambiguous")
            return
        }
        #expect(quote == "ha noi" && folded)
        #expect(occurrences.map(\.quote) == ["Hà Nội", "HÀ NỘI"])
        // Four words each side, "…" where the body goes on.
        #expect(occurrences[0].before == "…đến”. ÐÀ NẴNG và ")
        #expect(occurrences[0].after == ", rồi HÀ NỘI…")
        let error = AnchorError.quoteAmbiguous(quote, occurrences: occurrences, folded: folded)
        #expect(error.description == "quote \"ha noi\" occurs 2 times (ignoring case and diacritics); choose one with --occurrence 1...2")
        #expect(error.details[1].hasPrefix("--occurrence 2  "))
        #expect(error.details[1].hasSuffix("Hà Nội, rồi [HÀ NỘI] lại mừng."))
        // The occurrence picks among the folded matches.
        #expect(try anchor("ha noi", occurrence: 2).quote == "HÀ NỘI")
    }

    @Test func aTypoGetsNearMatches() throws {
        guard case .quoteNotFound(let quote, let near) = refusal("hiep dinh parsi") else {
            Issue.record("found")
            return
        }
        #expect(quote == "hiep dinh parsi")
        #expect(near.map(\.quote) == ["Hiệp định Paris"])
        #expect(AnchorError.quoteNotFound(quote, nearMatches: near).details == [
            "did you mean “Hiệp định Paris”?  0-15  [Hiệp định Paris] được ký ngày 27–1–1973.…",
        ])
        guard case .quoteNotFound(_, let none) = refusal("thanh pho Ho Chi Minh") else { return }
        #expect(none.isEmpty)
    }

    @Test func atMostThreeNearMatches() {
        guard case .quoteNotFound(_, let near) = refusal("mua tp", in: "mưa to, mưa to, mưa to, mưa to") else {
            Issue.record("found")
            return
        }
        #expect(near.map(\.range) == [0..<6, 8..<14, 16..<22])
    }
}
