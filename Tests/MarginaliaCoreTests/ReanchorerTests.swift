import Foundation
import MarginaliaCore
import Testing

@Suite("Re-anchoring")
struct ReanchorerTests {
    let revision = Fixture.dot(Fixture.a, 3)

    private func anchor(_ body: String, _ quote: String, occurrence: Int? = nil) throws -> Anchor {
        try AnchorBuilder(body: TextNormalization.nfc(body), revision: revision).anchor(quote: quote, occurrence: occurrence)
    }

    /// Where `anchor` lands in `new`, and the text there.
    private func place(_ anchor: Anchor, from old: String?, to new: String) -> (AnchorPlacement, String?) {
        let placement = Reanchorer.place(anchor, anchoredBody: old, currentBody: new)
        let text = placement.range.map { ScalarText(TextNormalization.nfc(new)).text($0) }
        return (placement, text)
    }

    private func scalarCount(_ text: String) -> Int { TextNormalization.nfc(text).unicodeScalars.count }

    // MARK: Edits around and inside the span

    static let fox = "The quick brown fox jumps over the lazy dog."

    @Test func unchangedBodyKeepsTheStoredOffsets() throws {
        let anchor = try anchor(Self.fox, "brown fox")
        let (placement, text) = place(anchor, from: Self.fox, to: Self.fox)
        #expect(placement == AnchorPlacement(range: 10..<19, status: .exact))
        #expect(text == "brown fox")
    }

    @Test func anEditBeforeTheSpanMovesIt() throws {
        let anchor = try anchor(Self.fox, "brown fox")
        let (placement, text) = place(anchor, from: Self.fox, to: "The very quick brown fox jumps over the lazy dog.")
        #expect(placement == AnchorPlacement(range: 15..<24, status: .moved))
        #expect(text == "brown fox")
    }

    @Test func anEditAfterTheSpanKeepsItExact() throws {
        let anchor = try anchor(Self.fox, "brown fox")
        let (placement, _) = place(anchor, from: Self.fox, to: "The quick brown fox leaps over the sleepy cat.")
        #expect(placement == AnchorPlacement(range: 10..<19, status: .exact))
    }

    @Test func textInsertedAtEitherEdgeStaysOutside() throws {
        let anchor = try anchor(Self.fox, "brown fox")
        let (placement, text) = place(anchor, from: Self.fox, to: "The quick old brown fox, surely, jumps over the lazy dog.")
        #expect(placement.status == .moved)
        #expect(text == "brown fox")
    }

    @Test func aWordInsertedInsideJoinsTheSpan() throws {
        let anchor = try anchor(Self.fox, "quick brown fox")
        let (placement, text) = place(anchor, from: Self.fox, to: "The quick and brown fox jumps over the lazy dog.")
        #expect(placement.status == .fuzzy)
        #expect(text == "quick and brown fox")
    }

    /// A paragraph split inside the span: the words are no longer one run of a paragraph,
    /// and a highlight never spreads across a break its quote does not have.
    @Test func aParagraphSplitInsideTheSpanIsNeverCrossed() throws {
        let anchor = try anchor(Self.mekong, "sông Cửu Long. Nước dâng")
        let edited = Self.mekong.replacingOccurrences(of: "Long. Nước", with: "Long.\n\nNước")
        let (placement, text) = place(anchor, from: Self.mekong, to: edited)
        #expect(placement.status.isDoubtful)
        #expect(text?.contains("\n") != true)
    }

    /// The diff may pair the annotated words, changed by a letter, with a look-alike in
    /// a paragraph moved since; the stored suffix says which is which.
    @Test func aLookAlikeInAMovedParagraphLosesToMatchingContext() throws {
        let first = "Ban chấp hành họp sáng nay."
        let second = "Hội nghị kéo dài hai ngày."
        let third = "Chiều qua, Ban Chấp hành họp sáng nay."
        let old = [first, second, third].joined(separator: "\n\n")
        let anchor = try AnchorBuilder(body: old, revision: revision).anchor(start: 0, end: 10)
        let changed = first.replacingOccurrences(of: "chấp", with: "Chấp")
        let new = [third, changed, second].joined(separator: "\n\n")
        let (placement, text) = place(anchor, from: old, to: new)
        let start = scalarCount(third) + 2
        #expect(placement == AnchorPlacement(range: start..<(start + 10), status: .fuzzy))
        #expect(text == "Ban Chấp h")
    }

    @Test(arguments: [
        ("The quick brown fax jumps over the lazy dog.", "brown fax jumps"),   // a letter
        ("The quick brown fox-jumps over the lazy dog.", "brown fox-jumps"),   // a dash
        ("The quick brown foxjumps over the lazy dog.", "brown foxjumps"),     // a space
        ("The quick brown fox  jumps over the lazy dog.", "brown fox  jumps"), // another space
    ])
    func smallEditsInsideAreFuzzyInPlace(edited: String, expected: String) throws {
        let anchor = try anchor(Self.fox, "brown fox jumps")
        let (placement, text) = place(anchor, from: Self.fox, to: edited)
        #expect(placement.status == .fuzzy)
        #expect(text == expected)
    }

    @Test func anEditAcrossTheStartThatDeletesAWordAsksForReview() throws {
        let old = "Rain fell for three days over the delta."
        let anchor = try anchor(old, "three days over the delta.")
        let (placement, text) = place(anchor, from: old, to: "Rain fell days over the delta.")
        #expect(placement.status == .review)
        #expect(text?.hasSuffix("days over the delta.") == true)
    }

    /// The words rewritten across the end, deleted, or grown by more than a quarter of
    /// the quote (at least 4 scalars: one word may join the span, two may not).
    @Test(arguments: [
        ("brown fox", "The quick brown cat sleeps under the lazy dog."),
        ("jumps over", "The quick brown fox the lazy dog."),
        ("quick brown fox", "The quick and very brown fox jumps over the lazy dog."),
    ])
    func anEditThatLeavesTheWordsNoLongerThereOrphansIt(quote: String, edited: String) throws {
        let (placement, _) = place(try anchor(Self.fox, quote), from: Self.fox, to: edited)
        #expect(placement == .orphaned)
    }

    // MARK: A quote occurring several times

    /// Three sentences that differ only in their first words, so each copy of
    /// "tide rises" has the same 32 scalars of context on both sides.
    static let lead = "and then, as on every morning, the "
    static let tail = " over the old grey harbour wall."
    static let tides = ["Monday: ", " Tuesday: ", " Wednesday: "].map { $0 + lead + "tide rises" + tail }.joined()

    private func tideStarts(in body: String) -> [Int] {
        ScalarText(body).occurrences(of: Array("tide rises".unicodeScalars)).map(\.lowerBound)
    }

    @Test func theAnnotatedCopyIsFollowedThroughAnEditElsewhere() throws {
        let anchor = try anchor(Self.tides, "tide rises", occurrence: 2)
        let edited = "Weather log. " + Self.tides.replacingOccurrences(of: "Wednesday", with: "Thursday")
        let (placement, _) = place(anchor, from: Self.tides, to: edited)
        #expect(placement.status == .moved)
        #expect(placement.range?.lowerBound == tideStarts(in: edited)[1])
    }

    @Test func theAnnotatedCopyDeletedOrphansItRatherThanJumpingToAnother() throws {
        let anchor = try anchor(Self.tides, "tide rises", occurrence: 2)
        let edited = Self.tides.replacingOccurrences(of: " Tuesday: " + Self.lead + "tide rises" + Self.tail, with: "")
        #expect(tideStarts(in: edited).count == 2)
        let (placement, _) = place(anchor, from: Self.tides, to: edited)
        #expect(placement == .orphaned)
    }

    @Test func theAnnotatedCopySlightlyEditedWinsOverExactCopies() throws {
        let anchor = try anchor(Self.tides, "tide rises", occurrence: 2)
        let edited = Self.tides.replacingOccurrences(of: "Tuesday: " + Self.lead + "tide", with: "Tuesday: " + Self.lead + "tyde")
        let (placement, text) = place(anchor, from: Self.tides, to: edited)
        #expect(placement == AnchorPlacement(range: anchor.start..<anchor.end, status: .fuzzy))
        #expect(text == "tyde rises")
    }

    @Test func theAnnotatedCopyMovedByDeletingTheTextBeforeIt() throws {
        let anchor = try anchor(Self.tides, "tide rises", occurrence: 2)
        let firstSentence = "Monday: " + Self.lead + "tide rises" + Self.tail + " "
        let edited = String(Self.tides.dropFirst(firstSentence.count))
        let (placement, text) = place(anchor, from: Self.tides, to: edited)
        #expect(placement == AnchorPlacement(range: tideStarts(in: edited)[0]..<(tideStarts(in: edited)[0] + 10), status: .moved))
        #expect(text == "tide rises")
    }

    @Test func anUnknownRevisionTakesTheNearestOfIdenticalCopiesAndTheLowestOnATie() {
        let body = String(repeating: "ab cd ", count: 20)
        let scalars = ScalarText(body)
        // Copies of "ab cd ab" start every 6 scalars; 51 lies halfway between 48 and 54.
        let imported = Anchor(
            start: 51, end: 59, quote: "ab cd ab", prefix: scalars.text(16..<48), suffix: scalars.text(56..<88),
            revision: nil)
        #expect(Reanchorer.place(imported, anchoredBody: nil, currentBody: body) == AnchorPlacement(range: 48..<56, status: .moved))
        var nearer = imported
        nearer.start = 53
        nearer.end = 61
        #expect(Reanchorer.place(nearer, anchoredBody: nil, currentBody: body) == AnchorPlacement(range: 54..<62, status: .moved))
    }

    @Test func aParagraphMovedByCutAndPasteIsFollowed() throws {
        let first = "Tides follow the moon, twice a day."
        let second = "Storms push the sea far above its usual height."
        let third = "Harbour walls were raised after the great flood."
        let old = [first, second, third].joined(separator: "\n\n")
        let anchor = try anchor(old, "twice a day")
        let new = [second, third, first].joined(separator: "\n\n")
        let (placement, text) = place(anchor, from: old, to: new)
        #expect(placement.status == .moved)
        #expect(text == "twice a day")
        #expect(placement.range?.lowerBound == scalarCount(new) - scalarCount("twice a day."))
    }

    // MARK: Scripts

    static let mekong = "Mưa lớn kéo dài ba ngày ở đồng bằng sông Cửu Long. Nước dâng cao."

    private func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }

    @Test func vietnameseInNFCAndNFDGivesNFCOffsets() throws {
        let anchor = try anchor(Self.mekong, "đồng bằng sông Cửu Long")
        let edited = Self.mekong.replacingOccurrences(of: "Mưa lớn", with: "Mưa rất lớn")
        for body in [edited, nfd(edited)] {
            let (placement, text) = place(anchor, from: Self.mekong, to: body)
            #expect(placement == AnchorPlacement(range: (anchor.start + 4)..<(anchor.end + 4), status: .moved))
            #expect(text == "đồng bằng sông Cửu Long")
        }
        // The anchored revision arriving decomposed changes nothing either.
        let (placement, _) = place(anchor, from: nfd(Self.mekong), to: nfd(Self.mekong))
        #expect(placement == AnchorPlacement(range: anchor.start..<anchor.end, status: .exact))
    }

    @Test func aChangedToneMarkIsFuzzyInPlace() throws {
        let anchor = try anchor(Self.mekong, "đồng bằng sông Cửu Long")
        let edited = nfd(Self.mekong.replacingOccurrences(of: "Cửu", with: "Cữu"))
        let (placement, text) = place(anchor, from: Self.mekong, to: edited)
        #expect(placement == AnchorPlacement(range: anchor.start..<anchor.end, status: .fuzzy))
        #expect(text == "đồng bằng sông Cữu Long")
    }

    @Test func anImportedDecomposedQuoteIsFound() {
        let imported = Anchor(
            start: 0, end: 0, quote: nfd("sông Cửu Long"), prefix: nfd("ba ngày ở đồng bằng "), suffix: ". Nước",
            revision: nil)
        let (placement, text) = place(imported, from: nil, to: Self.mekong)
        #expect(placement.status == .moved)
        #expect(text == "sông Cửu Long")
    }

    static let emoji = "Family 👩‍👩‍👧 and flags 🇫🇷🇻🇳 with 𝄞 music 👩🏽‍💻 at work 😀."

    /// An emoji inserted before the span (three scalars), and a changed skin tone inside it.
    @Test(arguments: [
        ("👍🏿 " + emoji, 3, AnchorStatus.moved, "🇻🇳 with 𝄞 music 👩🏽‍💻"),
        (emoji.replacingOccurrences(of: "👩🏽‍💻", with: "👩🏿‍💻"), 0, AnchorStatus.fuzzy, "🇻🇳 with 𝄞 music 👩🏿‍💻"),
    ])
    func emojiAndScalarsOutsideTheBMPCountAsScalars(edited: String, shift: Int, status: AnchorStatus, expected: String) throws {
        let anchor = try anchor(Self.emoji, "🇻🇳 with 𝄞 music 👩🏽‍💻")
        let (placement, text) = place(anchor, from: Self.emoji, to: edited)
        #expect(placement == AnchorPlacement(range: (anchor.start + shift)..<(anchor.end + shift), status: status))
        #expect(text == expected)
    }

    // MARK: The ends of the body

    static let greek = "Alpha beta gamma delta."

    @Test func aQuoteAtTheVeryStart() throws {
        let anchor = try anchor(Self.greek, "Alpha")
        let (placement, text) = place(anchor, from: Self.greek, to: "Intro. " + Self.greek)
        #expect(placement == AnchorPlacement(range: 7..<12, status: .moved))
        #expect(text == "Alpha")
        let (unknown, _) = place(try self.anchor(Self.greek, "Alpha beta"), from: nil, to: "Intro. " + Self.greek)
        #expect(unknown == AnchorPlacement(range: 7..<17, status: .moved))
    }

    @Test func aQuoteAtTheVeryEnd() throws {
        let anchor = try anchor(Self.greek, "delta.")
        #expect(place(anchor, from: Self.greek, to: Self.greek + " More.").0 == AnchorPlacement(range: 17..<23, status: .exact))
        #expect(place(anchor, from: Self.greek, to: "Zeta. " + Self.greek).0 == AnchorPlacement(range: 23..<29, status: .moved))
        let whole = try self.anchor(Self.greek, Self.greek)
        #expect(place(whole, from: Self.greek, to: "x " + Self.greek + " y").0 == AnchorPlacement(range: 2..<25, status: .moved))
    }

    // MARK: Searching

    @Test func aShortQuoteNeedsMatchingContext() {
        let imported = Anchor(start: 20, end: 22, quote: "ba", prefix: "kéo dài ", suffix: " ngày", revision: nil)
        #expect(place(imported, from: nil, to: Self.mekong).0.status == .moved)
        #expect(place(imported, from: nil, to: "Ba ba ba, the ba sheep said to the baker.").0 == .orphaned)
    }

    @Test func anApproximateMatchIsFuzzyWithContextAndReviewWithout() {
        let imported = Anchor(
            start: 0, end: 0, quote: "the old grey harbour wall", prefix: "and the tide rises over ",
            suffix: " before noon.", revision: nil)
        let withContext = place(imported, from: nil, to: "and the tide rises over the old gray harbor wall before noon.")
        #expect(withContext.0.status == .fuzzy)
        #expect(withContext.1 == "the old gray harbor wall")
        let withoutContext = place(imported, from: nil, to: "Nobody walks along the old gray harbor wall anymore, they say.")
        #expect(withoutContext.0.status == .review)
        #expect(withoutContext.1 == "the old gray harbor wall")
    }

    @Test func anAnchorThatDoesNotMatchItsRevisionIsSearchedFor() throws {
        var anchor = try anchor(Self.fox, "brown fox")
        anchor.start = 0
        anchor.end = 9
        #expect(place(anchor, from: Self.fox, to: Self.fox).0 == AnchorPlacement(range: 10..<19, status: .moved))
    }
}
