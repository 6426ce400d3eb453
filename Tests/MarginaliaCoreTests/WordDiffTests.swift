import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("WordTokens and WordDiff")
struct WordDiffTests {
    @Test func tokensKeepEveryCharacter() {
        let text = "Hà Nội, 4,15 m — don't panic!  日本語 👩‍👩‍👧."
        let tokens = WordTokens.of(text)
        #expect(tokens.joined() == text)
        #expect(tokens.map(String.init) == [
            "Hà", " ", "Nội", ",", " ", "4,15", " ", "m", " ", "—", " ", "don't", " ", "panic", "!", "  ", "日", "本",
            "語", " ", "👩‍👩‍👧", ".",
        ])
    }

    @Test func decomposedWordsStayWhole() {
        let nfd = "Nguye\u{0302}\u{0303}n đi đu\u{031B}o\u{031B}\u{0300}ng"
        #expect(WordTokens.of(nfd).map(String.init) == ["Nguye\u{0302}\u{0303}n", " ", "đi", " ", "đu\u{031B}o\u{031B}\u{0300}ng"])
    }

    @Test func diffShowsChangedWords() {
        let segments = WordDiff.segments(from: "Mưa lớn kéo dài ba ngày.", to: "Mưa rất lớn kéo dài hai ngày.")
        #expect(segments == [
            .init(.equal, "Mưa "), .init(.inserted, "rất "), .init(.equal, "lớn kéo dài "), .init(.deleted, "ba"),
            .init(.inserted, "hai"), .init(.equal, " ngày."),
        ])
    }

    /// A rewritten phrase is one change, not single words changed around kept spaces.
    @Test func aRewrittenPhraseIsOneChange() {
        #expect(WordDiff.segments(from: "là một dấu mốc quan trọng của dân tộc", to: "là một dấu mốc chói lọi của dân tộc") == [
            .init(.equal, "là một dấu mốc "), .init(.deleted, "quan trọng"), .init(.inserted, "chói lọi"), .init(.equal, " của dân tộc"),
        ])
    }

    @Test func aChangedDiacriticIsAChangedWord() {
        #expect(WordDiff.segments(from: "mực nước", to: "mực nược") == [
            .init(.equal, "mực "), .init(.deleted, "nước"), .init(.inserted, "nược"),
        ])
    }

    @Test func diffOfEqualAndEmptyTexts() {
        #expect(WordDiff.segments(from: "a b", to: "a b") == [.init(.equal, "a b")])
        #expect(WordDiff.segments(from: "", to: "") == [])
        #expect(WordDiff.segments(from: "", to: "new") == [.init(.inserted, "new")])
        #expect(WordDiff.segments(from: "old", to: "") == [.init(.deleted, "old")])
    }

    @Test func segmentsRebuildBothTexts() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let old = RandomText.string(using: &rng, length: rng.int(0...30))
            let new = RandomText.string(using: &rng, length: rng.int(0...30))
            let segments = WordDiff.segments(from: old, to: new)
            #expect(segments.filter { $0.operation != .inserted }.map(\.text).joined() == old)
            #expect(segments.filter { $0.operation != .deleted }.map(\.text).joined() == new)
        }
    }
}
