import Foundation
@testable import MarginaliaCore
import Testing

@Suite("FoldedText")
struct FoldedTextTests {
    private func folded(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: FoldedText(text.unicodeScalars).scalars)
        return String(view)
    }

    /// Every letter of the Latin blocks whose canonical decomposition starts with an
    /// ASCII letter folds to that letter, lowercased: checked against Foundation's
    /// decomposition of each, not a list. (Đ, đ and Ð have no decomposition: below.)
    @Test func everyDecomposableLatinLetterFoldsToItsBase() {
        var checked = 0
        for value in Array(0...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic,
                  let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                  base.isASCII, base.properties.isAlphabetic
            else { continue }
            let expected = String(base).lowercased()
            #expect(folded(String(scalar)) == expected, "U+\(String(value, radix: 16, uppercase: true)) \(scalar)")
            checked += 1
        }
        // The ASCII letters, the Latin-1 and Latin Extended letters with marks, and the
        // Vietnamese letters of U+1EA0...U+1EF9 among them.
        #expect(checked > 500)
        #expect(folded("ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ") == "aaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy")
    }

    /// The documented exceptions: the letters with a stroke Vietnamese writes `d` with.
    @Test func dWithStrokeAndEthFoldToD() {
        #expect(folded("\u{0110}\u{0111}\u{00D0}\u{00F0}") == "dddd")
        #expect(folded("ÐÀ NẴNG") == folded("Đà Nẵng"))
        #expect(folded("Đà Nẵng") == "da nang")
    }

    @Test func vietnameseWithoutItsMarks() {
        #expect(folded("Hiệp định Paris") == "hiep dinh paris")
        #expect(folded("Ưu tiên ĐƯỜNG Láng") == "uu tien duong lang")
        // Decomposed input folds the same.
        #expect(folded("Hiệp định".decomposedStringWithCanonicalMapping) == "hiep dinh")
    }

    @Test func dashesQuotesAndWhiteSpace() {
        #expect(folded("27-1-1973") == folded("27–1—1973"))
        #expect(folded("\u{2010}\u{2011}\u{2012}\u{2015}\u{2212}") == "-----")
        #expect(folded("\"'“”‘’„") == "\"\"\"\"\"\"\"")
        #expect(folded("a \n\t\u{00A0} b  c") == "a b c")
    }

    /// An ellipsis is typed as three periods, as NFKC spells it; a quote that ends with
    /// "..." finds the article's "…", and the match is the ellipsis itself.
    @Test func anEllipsisIsThreePeriods() {
        #expect(folded("tận nhà…") == "tan nha...")
        let original = "tràn vào tận nhà…” Bà"
        let text = FoldedText(original.unicodeScalars)
        let spans = text.occurrences(of: Array(folded("tan nha...").unicodeScalars))
        #expect(spans.map { String(String.UnicodeScalarView(Array(original.unicodeScalars)[$0])) } == ["tận nhà…"])
        // Part of an ellipsis is the whole of it in the original.
        #expect(text.occurrences(of: Array("a.".unicodeScalars)).map(\.count) == [2])
    }

    @Test func otherScriptsStayWhole() {
        // A Hangul syllable decomposes into letters, not into a letter and marks.
        #expect(folded("한국") == "한국")
        #expect(folded("Ελλάδα") == "ελλαδα")
        #expect(folded("🇻🇳 😀") == "🇻🇳 😀")
    }

    /// A match in the folded text is the span of the original it came from, marks and
    /// runs of white space included.
    @Test func foldedMatchesMapBackToTheOriginal() {
        let original = "Ông  Lê Đức Thọ".decomposedStringWithCanonicalMapping
        let text = FoldedText(original.unicodeScalars)
        let scalars = Array(original.unicodeScalars)
        let spans = text.occurrences(of: Array("le duc tho".unicodeScalars))
        #expect(spans.count == 1)
        let span = spans[0]
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[span])
        #expect(String(view) == "Lê Đức Thọ")
        #expect(span.upperBound == scalars.count)
        // The mark on "Ô" (O, U+0302) and the run of two spaces belong to the match.
        #expect(text.occurrences(of: Array("ong l".unicodeScalars)) == [0..<7])
        #expect(text.occurrences(of: Array("o".unicodeScalars)).first == 0..<2)
        #expect(text.occurrences(of: Array("xyz".unicodeScalars)).isEmpty)
    }
}
