import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("Re-anchoring properties")
struct ReanchorerPropertyTests {
    static let revision = Fixture.dot(Fixture.b, 9)

    /// NFC text of short random words (every script `RandomText` mixes) between spaces,
    /// so the word diff has words to work with.
    private static func words(_ rng: inout SplitMix64, count: Int) -> String {
        let words = (0..<count).map { _ in RandomText.string(using: &rng, length: rng.int(1...6)) }
        return TextNormalization.nfc(words.joined(separator: " "))
    }

    /// The grapheme boundaries of `text`.
    private static func boundaries(_ text: ScalarText) -> [Int] {
        (0...text.count).filter { text.isGraphemeBoundary($0) }
    }

    /// A random non-empty anchor of `body`.
    private static func anchor(in body: String, _ rng: inout SplitMix64) -> Anchor? {
        let offsets = boundaries(ScalarText(body))
        guard offsets.count >= 2 else { return nil }
        let start = rng.int(0...(offsets.count - 2))
        let end = rng.int((start + 1)...min(offsets.count - 1, start + 12))
        return try? AnchorBuilder(body: body, revision: revision).anchor(start: offsets[start], end: offsets[end])
    }

    private static func seeds(_ count: Int) -> Range<UInt64> {
        let first = propertyFirstSeed()
        return first..<(first + UInt64(propertySeedCount(default: count)))
    }

    @Test func anUnchangedBodyIsAlwaysExact() {
        for seed in Self.seeds(300) {
            var rng = SplitMix64(seed: seed)
            let body = Self.words(&rng, count: rng.int(1...30))
            guard let anchor = Self.anchor(in: body, &rng) else { continue }
            let exact = AnchorPlacement(range: anchor.start..<anchor.end, status: .exact)
            #expect(Reanchorer.place(anchor, anchoredBody: body, currentBody: body) == exact, "seed \(seed)")
            let decomposed = body.decomposedStringWithCanonicalMapping
            #expect(Reanchorer.place(anchor, anchoredBody: decomposed, currentBody: decomposed) == exact, "seed \(seed)")
        }
    }

    /// The grapheme clusters of `text`, as scalars.
    private static func clusters(_ text: String) -> [[Unicode.Scalar]] {
        text.map { Array($0.unicodeScalars) }
    }

    /// Inserting, deleting or replacing text before or after the span, never touching it:
    /// the quote is found unchanged, `exact` or `moved`.
    @Test func editingOutsideTheSpanKeepsTheQuote() {
        var tried = 0
        for seed in Self.seeds(300) {
            var rng = SplitMix64(seed: seed)
            let old = Self.words(&rng, count: rng.int(1...30))
            guard let anchor = Self.anchor(in: old, &rng) else { continue }
            let scalars = ScalarText(old)
            let offsets = Self.boundaries(scalars)
            let before = rng.chance(0.5)
            let side = offsets.filter { before ? $0 <= anchor.start : $0 >= anchor.end }
            let from = rng.pick(side)
            let to = rng.chance(0.5) ? from : rng.pick(side.filter { $0 >= from })
            let inserted = rng.chance(0.2) && to > from ? ""
                : (rng.chance(0.5) ? " " : "") + Self.words(&rng, count: rng.int(1...4)) + (rng.chance(0.5) ? " " : "")
            let kept = (head: scalars.text(0..<from), tail: scalars.text(to..<scalars.count))
            let new = kept.head + inserted + kept.tail
            // Skip edits that fuse with their neighbours into other characters.
            guard TextNormalization.isNFC(new),
                  Self.clusters(new) == Self.clusters(kept.head) + Self.clusters(inserted) + Self.clusters(kept.tail)
            else { continue }
            tried += 1
            let placement = Reanchorer.place(anchor, anchoredBody: old, currentBody: new)
            #expect([.exact, .moved].contains(placement.status), "seed \(seed)")
            #expect(placement.range.map { ScalarText(new).text($0) } == anchor.quote, "seed \(seed)")
        }
        #expect(tried > 100)
    }

    /// Two copies of a phrase, the annotated one deleted: the other copy was already
    /// there, so it is another instance of the words, never the annotated one.
    @Test func theAnnotatedCopyDeletedNeverLandsOnTheOther() {
        var tried = 0
        for seed in Self.seeds(300) {
            var rng = SplitMix64(seed: seed)
            let phrase = Self.words(&rng, count: rng.int(2...4))
            let parts = (0..<3).map { _ in " " + Self.words(&rng, count: rng.int(2...8)) + " " }
            let old = parts[0] + phrase + parts[1] + phrase + parts[2]
            let copy = rng.int(1...2)
            let new = copy == 1 ? parts[0] + parts[1] + phrase + parts[2] : parts[0] + phrase + parts[1] + parts[2]
            guard TextNormalization.isNFC(old), TextNormalization.isNFC(new),
                  ScalarText(old).occurrences(of: Array(phrase.unicodeScalars)).count == 2,
                  let anchor = try? AnchorBuilder(body: old, revision: Self.revision).anchor(quote: phrase, occurrence: copy),
                  anchor.quote == phrase
            else { continue }
            tried += 1
            let placement = Reanchorer.place(anchor, anchoredBody: old, currentBody: new)
            let other = ScalarText(new).occurrences(of: Array(phrase.unicodeScalars))
            #expect(placement.range.map { !other.contains($0) } ?? true, "seed \(seed)")
        }
        #expect(tried > 100)
    }

    @Test func placementsLieInsideTheBodyOnGraphemeBoundaries() {
        for seed in Self.seeds(300) {
            var rng = SplitMix64(seed: seed)
            let old = Self.words(&rng, count: rng.int(1...30))
            guard let anchor = Self.anchor(in: old, &rng) else { continue }
            var edited = Array(old.unicodeScalars)
            for _ in 0..<rng.int(1...3) {
                let start = rng.int(0...edited.count)
                let end = rng.int(start...min(edited.count, start + 8))
                let replacement = rng.chance(0.3) ? "" : Self.words(&rng, count: rng.int(1...3))
                edited.replaceSubrange(start..<end, with: replacement.unicodeScalars)
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: edited)
            let new = String(view)
            let body = ScalarText(TextNormalization.nfc(new))
            for anchoredBody in [old, nil] {
                let placement = Reanchorer.place(anchor, anchoredBody: anchoredBody, currentBody: new)
                guard let range = placement.range else {
                    #expect(placement.status == .orphaned, "seed \(seed)")
                    continue
                }
                #expect(placement.status != .orphaned, "seed \(seed)")
                #expect(range.lowerBound >= 0 && range.upperBound <= body.count && !range.isEmpty, "seed \(seed)")
                #expect(body.isGraphemeBoundary(range.lowerBound) && body.isGraphemeBoundary(range.upperBound), "seed \(seed)")
            }
        }
    }
}
