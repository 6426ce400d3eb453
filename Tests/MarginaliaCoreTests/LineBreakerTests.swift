import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("LineBreaker")
struct LineBreakerTests {
    func wrap(_ text: String, _ width: Int) -> [String] {
        let characters = Array(text)
        return LineBreaker.lines(characters, width: width).map { String(characters[$0]) }
    }

    @Test func breaksAfterSpacesAndDropsThem() {
        #expect(wrap("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"])
        #expect(wrap("a  b", 1) == ["a", "b"])
        #expect(wrap("fits exactly", 12) == ["fits exactly"])
    }

    @Test func anEmptyParagraphIsOneEmptyLine() {
        #expect(wrap("", 10) == [""])
    }

    @Test func longWordsAreCutBetweenCharacters() {
        #expect(wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        // NFD "ệ" is three scalars but one character and one column: never split.
        let nfd = String(repeating: "e\u{0323}\u{0302}", count: 5)
        let lines = wrap(nfd, 2)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.unicodeScalars.count % 3 == 0 })
    }

    @Test func vietnameseWrapsByColumnsNotScalars() {
        let text = "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu"
        let lines = wrap(text, 20)
        #expect(lines == ["Mưa lớn kéo dài", "khiến nhiều tuyến", "đường ở Hà Nội ngập", "sâu"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
    }

    @Test func wideCharactersNeverOverflow() {
        let lines = wrap("日本語のテキスト", 5)
        #expect(lines == ["日本", "語の", "テキ", "スト"])
        #expect(wrap("ab 😀😀", 4) == ["ab", "😀😀"])
    }

    @Test func stringsBreakLikeCharacterArrays() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let text = RandomText.string(using: &rng, length: rng.int(0...60)).filter { !$0.isNewline }
            let width = rng.int(1...12)
            let viaString = LineBreaker.lines(of: text[...], width: width).map { String(text[$0]) }
            #expect(viaString == wrap(text, width), "\(text.unicodeScalars.map(\.value)) at \(width)")
        }
    }

    /// A space followed by a combining mark or a joiner, or preceded by a prepended
    /// mark, joins a cluster: no line may break inside it.
    @Test func spacesNextToMarksBreakLikeCharacterArrays() {
        let pieces = [" ", " ", "a", "b", "\u{0301}", "\u{200D}", "😀", "\u{0600}", "ệ", "\t", "\u{00A0}", "日", "e\u{0302}"]
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 500)) {
            var rng = SplitMix64(seed: seed)
            let text = (0..<rng.int(0...40)).map { _ in rng.pick(pieces) }.joined()
            let width = rng.int(1...12)
            let viaString = LineBreaker.lines(of: text[...], width: width).map { String(text[$0]) }
            #expect(viaString == wrap(text, width), "seed \(seed): \(text.unicodeScalars.map(\.value)) at \(width)")
        }
    }

    @Test func noBreakSpacesHoldWordsTogether() {
        #expect(wrap("4,15\u{00A0}m today", 6) == ["4,15\u{00A0}m", "today"])
    }
}

/// Plain text is broken scalar by scalar; it must break exactly where clusters would.
@Suite struct PlainLineBreakingTests {
    @Test func plainTextBreaksWhereClustersWould() {
        let words = ["Hà", "Nội", "ngập", "sâu", "–", "“mưa", "lớn”…", "Đường", "phố", "a", "supercalifragilistic", "ở"]
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 300)) {
            var rng = SplitMix64(seed: seed)
            let text = (0..<rng.int(0...30)).map { _ in rng.pick(words) }
                .joined(separator: String(repeating: " ", count: rng.int(1...3)))
            let width = rng.int(1...40)
            let byScalars = LineBreaker.lines(of: text[...], width: width).map { String(text[$0]) }
            let characters = Array(text)
            let byClusters = LineBreaker.lines(characters, width: width).map { String(characters[$0]) }
            #expect(byScalars == byClusters, "seed \(seed), width \(width): \(text)")
        }
    }
}
