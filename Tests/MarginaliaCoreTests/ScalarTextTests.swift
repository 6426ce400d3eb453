import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("ScalarText")
struct ScalarTextTests {
    /// Offsets 0...count that are grapheme boundaries according to ScalarText.
    private func boundaries(_ text: ScalarText) -> [Int] {
        (0...text.count).filter { text.isGraphemeBoundary($0) }
    }

    @Test(arguments: [
        ("", 0),
        ("abc", 3),
        ("\u{1EC7}", 1),                   // ệ in NFC
        ("e\u{0323}\u{0302}", 3),          // ệ in NFD
        ("🇫🇷", 2),
        ("👩‍👩‍👧", 5),
        ("👩🏽‍💻", 4),
        ("한", 1),
        ("\r\n", 2),
    ])
    func countsUnicodeScalars(text: String, count: Int) {
        let scalarText = ScalarText(text)
        #expect(scalarText.count == count)
        #expect(scalarText.scalars == Array(text.unicodeScalars))
    }

    @Test func plainTextHasEveryOffsetAsBoundary() {
        let text = ScalarText("abc")
        #expect(boundaries(text) == [0, 1, 2, 3])
    }

    @Test func offsetsOutsideTheTextAreNotBoundaries() {
        let text = ScalarText("abc")
        #expect(!text.isGraphemeBoundary(-1))
        #expect(!text.isGraphemeBoundary(4))
        #expect(ScalarText("").isGraphemeBoundary(0))
        #expect(!ScalarText("").isGraphemeBoundary(1))
    }

    @Test func insideAFlagIsNotABoundary() {
        // a 🇫🇷 🇩🇪 b: two flags side by side.
        let text = ScalarText("a🇫🇷🇩🇪b")
        #expect(text.count == 6)
        #expect(boundaries(text) == [0, 1, 3, 5, 6])
    }

    @Test func insideAZWJSequenceIsNotABoundary() {
        let text = ScalarText("x👩‍👩‍👧y")
        #expect(boundaries(text) == [0, 1, 6, 7])
        let skinTone = ScalarText("👍🏿!")
        #expect(boundaries(skinTone) == [0, 2, 3])
    }

    @Test func betweenBaseAndCombiningMarkIsNotABoundary() {
        let text = ScalarText("ax\u{0301}\u{0323}b")
        #expect(boundaries(text) == [0, 1, 4, 5])
        let hangul = ScalarText("\u{1112}\u{1161}\u{11AB}a")
        #expect(boundaries(hangul) == [0, 3, 4])
        let crlf = ScalarText("a\r\nb")
        #expect(boundaries(crlf) == [0, 1, 3, 4])
    }

    @Test func textOfRange() {
        let text = ScalarText("Tiếng 🇻🇳!")
        #expect(text.text(0..<5) == "Tiếng")
        #expect(text.text(6..<8) == "🇻🇳")
        #expect(text.text(8..<9) == "!")
        #expect(text.text(3..<3) == "")
        #expect(text.text(0..<text.count).unicodeScalars.elementsEqual("Tiếng 🇻🇳!".unicodeScalars))
    }

    @Test func occurrencesAreAllReportedIncludingOverlaps() {
        let text = ScalarText("aaaa")
        #expect(text.occurrences(of: Array("aa".unicodeScalars)) == [0..<2, 1..<3, 2..<4])
        #expect(text.occurrences(of: Array("aaaaa".unicodeScalars)).isEmpty)
        #expect(text.occurrences(of: []).isEmpty)
        #expect(ScalarText("abcabc").occurrences(of: Array("bc".unicodeScalars)) == [1..<3, 4..<6])
    }

    @Test func occurrencesRespectGraphemeBoundaries() {
        #expect(ScalarText("x\u{0301}").occurrences(of: ["x"]).isEmpty)
        #expect(ScalarText("x\u{0301}").occurrences(of: ["\u{0301}"]).isEmpty)
        #expect(ScalarText("🇫🇷🇩🇪").occurrences(of: Array("🇷🇩".unicodeScalars)).isEmpty)
        #expect(ScalarText("🇫🇷🇩🇪").occurrences(of: Array("🇩🇪".unicodeScalars)) == [2..<4])
        #expect(ScalarText("👩‍👩‍👧").occurrences(of: Array("👩".unicodeScalars)).isEmpty)
    }

    @Test func occurrencesWithinARange() {
        let text = ScalarText("ab ab ab")
        let needle = Array("ab".unicodeScalars)
        #expect(text.occurrences(of: needle, in: 2..<8) == [3..<5, 6..<8])
        #expect(text.occurrences(of: needle, in: 4..<7).isEmpty)
        #expect(text.occurrences(of: needle, in: -5..<20) == [0..<2, 3..<5, 6..<8])
    }

    @Test func nearestBoundariesAndHeldScalars() {
        let text = ScalarText("a🇫🇷b")
        #expect(text.boundary(atOrBefore: 2) == 1)
        #expect(text.boundary(atOrAfter: 2) == 3)
        #expect(text.boundary(atOrAfter: 9) == 4)
        #expect(text.holds(Array("🇫🇷".unicodeScalars), at: 1..<3))
        #expect(!text.holds(Array("🇫🇷".unicodeScalars), at: 2..<4))
        #expect(!text.holds(Array("b".unicodeScalars), at: 3..<5))
    }

    @Test func boundariesMatchTheStandardLibraryOnRandomText() {
        var rng = SplitMix64(seed: 0xB0B)
        for sample in 0..<2_000 {
            let string = RandomText.string(using: &rng, length: rng.int(0...20))
            let text = ScalarText(string)
            #expect(text.count == string.unicodeScalars.count)
            // Oracle: a scalar index lies on a grapheme boundary exactly when it has a position among Characters.
            var expected: [Int] = []
            var offset = 0
            var index = string.unicodeScalars.startIndex
            while true {
                if index.samePosition(in: string) != nil { expected.append(offset) }
                if index == string.unicodeScalars.endIndex { break }
                string.unicodeScalars.formIndex(after: &index)
                offset += 1
            }
            #expect(boundaries(text) == expected, "random text #\(sample) \(string.debugDescription)")
        }
    }
}
