import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("AnchorBuilder")
struct AnchorBuilderTests {
    let revision = Fixture.dot(Fixture.a, 7)

    private func builder(_ body: String) -> AnchorBuilder { AnchorBuilder(body: body, revision: revision) }

    private func expectError(_ expected: AnchorError, _ make: () throws(AnchorError) -> Anchor,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let anchor = try make()
            Issue.record("expected \(expected), got an anchor at \(anchor.start)..<\(anchor.end)", sourceLocation: sourceLocation)
        } catch {
            #expect(error == expected, sourceLocation: sourceLocation)
        }
    }

    @Test func quoteFoundOnce() throws {
        let anchor = try builder("The quick brown fox").anchor(quote: "brown")
        #expect(anchor == Anchor(start: 10, end: 15, quote: "brown", prefix: "The quick ", suffix: " fox", revision: revision))
        #expect(anchor.length == 5)
    }

    @Test func contextIsAtMost32ScalarsEachSide() throws {
        let before = String(repeating: "0123456789", count: 5)
        let after = String(repeating: "abcdefghij", count: 5)
        let anchor = try builder(before + "TARGET" + after).anchor(quote: "TARGET")
        #expect(anchor.start == 50 && anchor.end == 56)
        #expect(anchor.prefix == String(before.suffix(32)))
        #expect(anchor.suffix == String(after.prefix(32)))
        #expect(anchor.prefix.unicodeScalars.count == Anchor.contextLength)
        #expect(anchor.suffix.unicodeScalars.count == Anchor.contextLength)
    }

    @Test func contextCountsScalarsNotCharacters() throws {
        // 40 "ệ" (one scalar each in NFC) then flags (two scalars each).
        let body = String(repeating: "\u{1EC7}", count: 40) + "|" + String(repeating: "🇻🇳", count: 20)
        let anchor = try builder(body).anchor(quote: "|")
        #expect(anchor.start == 40 && anchor.end == 41)
        #expect(anchor.prefix == String(repeating: "\u{1EC7}", count: 32))
        #expect(anchor.suffix.unicodeScalars.count == 32)
        #expect(anchor.suffix == String(repeating: "🇻🇳", count: 16))
    }

    @Test func quoteAtTheVeryStartAndEnd() throws {
        let body = "start middle end"
        let first = try builder(body).anchor(quote: "start")
        #expect(first.start == 0 && first.end == 5)
        #expect(first.prefix == "")
        #expect(first.suffix == " middle end")
        let last = try builder(body).anchor(quote: "end")
        #expect(last.start == 13 && last.end == 16)
        #expect(last.prefix == "start middle ")
        #expect(last.suffix == "")
        let whole = try builder(body).anchor(quote: body)
        #expect(whole.start == 0 && whole.end == 16 && whole.prefix == "" && whole.suffix == "")
    }

    @Test func quoteNotFound() {
        expectError(.quoteNotFound("absent", nearMatches: [])) { () throws(AnchorError) in
            try builder("present text").anchor(quote: "absent")
        }
        expectError(.quoteNotFound("x", nearMatches: [])) { () throws(AnchorError) in try builder("").anchor(quote: "x") }
    }

    @Test func emptyQuote() {
        expectError(.emptyQuote) { () throws(AnchorError) in try builder("body").anchor(quote: "") }
    }

    @Test func ambiguousQuoteReportsEachOccurrence() {
        let body = "the cat, the dog, the end"
        expectError(.quoteAmbiguous("the", occurrences: [0..<3, 9..<12, 18..<21].map { QuoteExcerpt($0, in: ScalarText(body)) }, folded: false)) {
            () throws(AnchorError) in try builder(body).anchor(quote: "the")
        }
        // Overlapping occurrences count too.
        expectError(.quoteAmbiguous("aa", occurrences: [QuoteExcerpt(range: 0..<2, quote: "aa", before: "", after: "a"),
                                                        QuoteExcerpt(range: 1..<3, quote: "aa", before: "a", after: "")], folded: false)) {
            () throws(AnchorError) in try builder("aaa").anchor(quote: "aa")
        }
    }

    @Test func occurrenceChoosesAmongRepeats() throws {
        let body = "the cat, the dog, the end"
        let second = try builder(body).anchor(quote: "the", occurrence: 2)
        #expect(second.start == 9 && second.end == 12)
        #expect(second.prefix == "the cat, ")
        let third = try builder(body).anchor(quote: "the", occurrence: 3)
        #expect(third.start == 18)
        let only = try builder("one time").anchor(quote: "one", occurrence: 1)
        #expect(only.start == 0)
    }

    @Test(arguments: [0, 4, -1])
    func occurrenceOutOfRange(occurrence: Int) {
        expectError(.occurrenceOutOfRange("the", occurrence: occurrence, count: 3)) { () throws(AnchorError) in
            try builder("the cat, the dog, the end").anchor(quote: "the", occurrence: occurrence)
        }
    }

    @Test func occurrenceOfAnAbsentQuoteIsNotFound() {
        expectError(.quoteNotFound("zebra", nearMatches: [])) { () throws(AnchorError) in try builder("no such animal").anchor(quote: "zebra", occurrence: 1) }
    }

    @Test func nfdQuoteMatchesNFCBody() throws {
        let body = "Tiếng Việt rất đẹp".precomposedStringWithCanonicalMapping
        let quote = "Việt".decomposedStringWithCanonicalMapping
        #expect(quote.unicodeScalars.count > 4)
        let anchor = try builder(body).anchor(quote: quote)
        #expect(anchor.start == 6 && anchor.end == 10)
        #expect(anchor.quote.unicodeScalars.elementsEqual("Vi\u{1EC7}t".unicodeScalars))
        #expect(anchor.prefix == "Tiếng ")
    }

    @Test func errorsReportTheNormalizedQuote() {
        expectError(.quoteNotFound("\u{1EC7}", nearMatches: [])) { () throws(AnchorError) in try builder("abc").anchor(quote: "e\u{0323}\u{0302}") }
    }

    /// A base letter is not an exact match inside a composed letter, but a folded one of
    /// the whole letter: the anchor holds the body's "ệ", never half of it.
    @Test func baseLetterMatchesAComposedLetterWholeOnlyByFolding() throws {
        let folded = try builder("Vi\u{1EC7}t").anchor(quote: "e")
        #expect(folded.start == 2 && folded.end == 3 && folded.quote == "\u{1EC7}")
        let anchor = try builder("\u{1EC7}e").anchor(quote: "e")
        #expect(anchor.start == 1)
    }

    @Test func baseLetterFollowedByACombiningMarkMatchesWithItsMark() throws {
        // x + acute has no precomposed form, so it stays two scalars in NFC.
        let folded = try builder("ax\u{0301}b").anchor(quote: "x")
        #expect(folded.start == 1 && folded.end == 3)
        let anchor = try builder("x\u{0301} x").anchor(quote: "x")
        #expect(anchor.start == 3 && anchor.end == 4)
        // The whole cluster matches.
        let cluster = try builder("ax\u{0301}b").anchor(quote: "x\u{0301}")
        #expect(cluster.start == 1 && cluster.end == 3)
        // A lone combining mark never matches.
        expectError(.quoteNotFound("\u{0301}", nearMatches: [])) { () throws(AnchorError) in try builder("ax\u{0301}b").anchor(quote: "\u{0301}") }
    }

    @Test func emojiOutsideTheBMP() throws {
        let body = "I 🇫🇷 and 👩🏽‍💻 code 😀"
        let coder = try builder(body).anchor(quote: "👩🏽‍💻")
        #expect(coder.start == 9 && coder.end == 13)
        #expect(coder.quote == "👩🏽‍💻")
        #expect(coder.prefix == "I 🇫🇷 and ")
        #expect(coder.suffix == " code 😀")
        let smile = try builder(body).anchor(quote: "😀")
        #expect(smile.start == 19 && smile.end == 20 && smile.suffix == "")
        let flag = try builder(body).anchor(quote: "🇫🇷")
        #expect(flag.start == 2 && flag.end == 4)
        // Parts of a cluster are not quotes.
        expectError(.quoteNotFound("👩", nearMatches: [])) { () throws(AnchorError) in try builder(body).anchor(quote: "👩") }
        expectError(.quoteNotFound("🇫", nearMatches: [])) { () throws(AnchorError) in try builder(body).anchor(quote: "🇫") }
    }

    @Test func rangeAnchor() throws {
        let anchor = try builder("The quick brown fox").anchor(start: 4, end: 9)
        #expect(anchor == Anchor(start: 4, end: 9, quote: "quick", prefix: "The ", suffix: " brown fox", revision: revision))
        let unrevised = try AnchorBuilder(body: "abc", revision: nil).anchor(start: 0, end: 3)
        #expect(unrevised.revision == nil && unrevised.quote == "abc")
    }

    @Test(arguments: [(3, 3), (5, 2), (0, 0), (-2, -3)])
    func emptyOrInvertedRange(start: Int, end: Int) {
        expectError(.emptyRange(start: start, end: end)) { () throws(AnchorError) in try builder("abcdefgh").anchor(start: start, end: end) }
    }

    @Test(arguments: [(-1, 2), (0, 9), (8, 9), (-5, 20)])
    func rangeOutOfBounds(start: Int, end: Int) {
        expectError(.rangeOutOfBounds(start: start, end: end, length: 8)) { () throws(AnchorError) in
            try builder("abcdefgh").anchor(start: start, end: end)
        }
    }

    @Test func rangeSplittingACharacter() throws {
        let body = "a🇫🇷 x\u{0301} 👩‍👩‍👧 z"  // a=0, flag 1..3, space 3, x+acute 4..6, space 6, family 7..12, space 12, z 13
        let b = builder(body)
        expectError(.rangeSplitsCharacter(offset: 2)) { () throws(AnchorError) in try b.anchor(start: 2, end: 3) }
        expectError(.rangeSplitsCharacter(offset: 2)) { () throws(AnchorError) in try b.anchor(start: 0, end: 2) }
        expectError(.rangeSplitsCharacter(offset: 5)) { () throws(AnchorError) in try b.anchor(start: 3, end: 5) }
        expectError(.rangeSplitsCharacter(offset: 9)) { () throws(AnchorError) in try b.anchor(start: 9, end: 12) }
        // Both ends inside characters: the start is reported.
        expectError(.rangeSplitsCharacter(offset: 2)) { () throws(AnchorError) in try b.anchor(start: 2, end: 10) }
        let family = try b.anchor(start: 7, end: 12)
        #expect(family.quote == "👩‍👩‍👧")
        let accented = try b.anchor(start: 4, end: 6)
        #expect(accented.quote == "x\u{0301}")
    }

    @Test func rangeAndQuoteAnchorsAgreeOnRandomBodies() throws {
        var rng = SplitMix64(seed: 0xA2C4)
        for sample in 0..<500 {
            let body = TextNormalization.nfc(RandomText.string(using: &rng, length: rng.int(1...40)))
            let text = ScalarText(body)
            let cuts = (0...text.count).filter { text.isGraphemeBoundary($0) }
            guard cuts.count >= 2 else { continue }
            let start = rng.pick(cuts.dropLast())
            let end = rng.pick(cuts.filter { $0 > start })
            let b = builder(body)
            let byRange = try b.anchor(start: start, end: end)
            let context = "sample \(sample) body \(body.debugDescription) range \(start)..<\(end)"
            #expect(byRange.quote.unicodeScalars.elementsEqual(text.scalars[start..<end]), "\(context)")
            #expect(byRange.prefix.unicodeScalars.count == min(start, Anchor.contextLength), "\(context)")
            #expect(byRange.suffix.unicodeScalars.count == min(text.count - end, Anchor.contextLength), "\(context)")
            let around = byRange.prefix + byRange.quote + byRange.suffix
            let aroundStart = start - byRange.prefix.unicodeScalars.count
            #expect(around.unicodeScalars.elementsEqual(text.scalars[aroundStart..<(aroundStart + around.unicodeScalars.count)]), "\(context)")

            // The quote of a range anchor finds that range again, among its occurrences.
            let found = text.occurrences(of: Array(TextNormalization.nfc(byRange.quote).unicodeScalars))
            let position = try #require(found.firstIndex(of: start..<end), "\(context)")
            let byQuote = try b.anchor(quote: byRange.quote, occurrence: found.count == 1 ? nil : position + 1)
            #expect(byQuote == byRange, "\(context)")
        }
    }

    @Test func errorDescriptionsNameTheProblem() {
        let the = QuoteExcerpt(range: 0..<3, quote: "the", before: "", after: "")
        #expect(AnchorError.quoteAmbiguous("the", occurrences: [the, the, the], folded: false).description.contains("3 times"))
        #expect(AnchorError.occurrenceOutOfRange("x", occurrence: 2, count: 1).description.hasSuffix("1 time"))
        #expect(AnchorError.occurrenceOutOfRange("x", occurrence: 5, count: 2).description.hasSuffix("2 times"))
        #expect(AnchorError.rangeOutOfBounds(start: 0, end: 9, length: 8).description.contains("8"))
        #expect(AnchorError.rangeSplitsCharacter(offset: 5).description.contains("5"))
        #expect(!AnchorError.emptyQuote.description.isEmpty)
    }
}
