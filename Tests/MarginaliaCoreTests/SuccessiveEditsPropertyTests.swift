import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

/// Re-anchoring through 2 to 5 successive edits of a Vietnamese article (issue 12, item 3):
/// insertions, deletions and replacements anywhere (sometimes over an annotated span), a
/// word's first letter changing case (what `replace` did in the issue), paragraphs moved,
/// split and merged. The test carries every annotated span through each edit itself, so it
/// knows where the words went, and checks the placement computed from the first body and
/// the last one only, as the store computes it.
@Suite("Re-anchoring through successive edits")
struct SuccessiveEditsPropertyTests {
    static let revision = Fixture.dot(Fixture.c, 4)

    /// The annotated article and the text edits insert, from another article so that an
    /// insertion does not bring in a second copy of an annotated quote.
    static let article = examplesBody("ha-noi-mua-lu.txt")
    static let filler = WordTokens.of(examplesBody("cafe-sua-da.txt")).filter { $0.first?.isLetter == true }.map(String.init)

    private static func examplesBody(_ name: String) -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        let file = directory.appendingPathComponent("examples/articles/\(name)")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return TextNormalization.nfc(PlainDocument(parsing: text, as: .plainText)?.body ?? "")
    }

    /// What a placement may be, whatever the edits: never longer or shorter than its quote
    /// by more than a quarter of the quote (at least 4 scalars), and across no more
    /// paragraph breaks than the quote.
    static func isBounded(_ text: [Unicode.Scalar], quote: [Unicode.Scalar]) -> Bool {
        abs(text.count - quote.count) <= max(4, quote.count / 4) && paragraphBreaks(text) <= paragraphBreaks(quote)
    }

    /// Runs of white space holding a line break.
    static func paragraphBreaks(_ text: [Unicode.Scalar]) -> Int {
        var count = 0
        var inBreak = false
        for scalar in text {
            if !scalar.properties.isWhitespace {
                inBreak = false
            } else if scalar == "\n", !inBreak {
                count += 1
                inBreak = true
            }
        }
        return count
    }

    /// Every placement is bounded (`isBounded`); every confident one (`exact`, `moved`,
    /// `fuzzy`) is where the words are, and an `exact` or `moved` one holds the quote
    /// unchanged; and of the quotes whose words are still there unchanged, the only
    /// copy in the body, at least 95% are found right there.
    @Test func annotationsFollowTheirWordsOrAskForReview() throws {
        #expect(Self.article.unicodeScalars.count > 2_000 && Self.filler.count > 100)
        var survivors = 0
        var found = 0
        var wrong: [String] = []
        let first = propertyFirstSeed()
        for seed in first..<(first + UInt64(propertySeedCount(default: 300))) {
            var rng = SplitMix64(seed: seed)
            var edited = TrackedText(Self.article)
            let anchors = (0..<5).compactMap { _ in edited.annotate(&rng, revision: Self.revision) }
            for _ in 0..<rng.int(2...5) { edited.edit(&rng, filler: Self.filler) }
            let body = ScalarText(edited.text)
            let reanchorer = Reanchorer(anchoredBody: Self.article, currentBody: edited.text)
            for (index, anchor) in anchors.enumerated() {
                let quote = Array(anchor.quote.unicodeScalars)
                let words = edited.spans[index]
                let placement = reanchorer.place(anchor)
                let survives = words.map { body.holds(quote, at: $0) } == true && body.occurrences(of: quote).count == 1
                if survives {
                    survivors += 1
                    if placement.range == words, [.exact, .moved].contains(placement.status) { found += 1 }
                }
                let report = { (why: String) in
                    let placed = placement.range.map { "\($0) “\(body.text($0))”" } ?? ""
                    wrong.append("seed \(seed): \(why): “\(anchor.quote)” \(placement.status) \(placed), words at \(words.map { "\($0)" } ?? "none")")
                }
                guard let range = placement.range else { continue }
                if !Self.isBounded(Array(body.scalars[range]), quote: quote) { report("unbounded") }
                guard !placement.status.isDoubtful else { continue }
                if placement.status != .fuzzy, !body.holds(quote, at: range) { report("confident on other text") }
                if edited.torn[index] { continue }
                guard let words else {
                    report("confident on words that are gone")
                    continue
                }
                if survives || !edited.touched[index] ? range != words : !range.overlaps(words) { report("confident elsewhere") }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong:\n\(wrong.prefix(20).joined(separator: "\n"))")
        #expect(survivors > 500)
        #expect(Double(found) >= 0.95 * Double(survivors), "found \(found) of \(survivors)")
    }
}
