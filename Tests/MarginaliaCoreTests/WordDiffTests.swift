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

    /// A title replaced whole is shown whole: the spaces the two share are no common
    /// ground, so the new words read together, not one at a time between old ones.
    @Test func aValueReplacedWholeIsShownWhole() {
        let old = "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam quán triệt Nghị quyết Trung ương 6 khóa XIII"
        #expect(WordDiff.segments(from: old, to: "Tiêu đề B") == [.init(.deleted, old), .init(.inserted, "Tiêu đề B")])
        // Half their words is enough to diff; punctuation does not count.
        #expect(WordDiff.segments(from: "Hà Nội: Mưa lớn", to: "Hà Nội ngập") == [
            .init(.equal, "Hà Nội"), .init(.deleted, ": Mưa lớn"), .init(.inserted, " ngập"),
        ])
        // Sharing less than half their words (here 2 of 7) is coincidence too.
        #expect(WordDiff.segments(from: "Mưa lớn ở Hà Nội hôm nay", to: "Nắng gắt ở Huế hôm qua") == [
            .init(.deleted, "Mưa lớn ở Hà Nội hôm nay"), .init(.inserted, "Nắng gắt ở Huế hôm qua"),
        ])
    }

    /// diff-match-patch's semantic cleanup: a short word between two changes no longer
    /// than either of them joins them; a longer kept stretch stays common ground.
    @Test func aShortWordBetweenTwoChangesJoinsThem() {
        #expect(WordDiff.segments(
            from: "Theo số liệu của trạm quan trắc Láng, lượng mưa đạt 135,5 mm vào sáng nay",
            to: "Theo số liệu của trạm quan trắc Láng, lượng nước đo 137,2 mm vào sáng nay") == [
            .init(.equal, "Theo số liệu của trạm quan trắc Láng, lượng "), .init(.deleted, "mưa đạt 135,5"),
            .init(.inserted, "nước đo 137,2"), .init(.equal, " mm vào sáng nay"),
        ])
        // The comma between the name and the age is no common ground; the words after are.
        #expect(WordDiff.segments(
            from: "Theo lời kể, ông Nguyễn Văn Đức, 58 tuổi, sống trong ngõ nhỏ cạnh Văn Miếu",
            to: "Theo lời kể, bà Trần Thị Hương, 62 tuổi, sống trong ngõ nhỏ cạnh Văn Miếu") == [
            .init(.equal, "Theo lời kể, "), .init(.deleted, "ông Nguyễn Văn Đức, 58"), .init(.inserted, "bà Trần Thị Hương, 62"),
            .init(.equal, " tuổi, sống trong ngõ nhỏ cạnh Văn Miếu"),
        ])
        #expect(WordDiff.segments(
            from: "Ông Nguyễn Văn Đức, 58 tuổi, sống trong ngõ nhỏ cạnh Văn Miếu",
            to: "Ông Nguyễn Văn Đức, 59 tuổi, sống trong ngõ nhỏ cạnh Quốc Tử Giám") == [
            .init(.equal, "Ông Nguyễn Văn Đức, "), .init(.deleted, "58"), .init(.inserted, "59"),
            .init(.equal, " tuổi, sống trong ngõ nhỏ cạnh "), .init(.deleted, "Văn Miếu"), .init(.inserted, "Quốc Tử Giám"),
        ])
    }

    /// Over random edits of Vietnamese text (stacked diacritics, precomposed or not):
    /// the diff gives back both values exactly, and no kept stretch between two changes
    /// is white space alone or shorter than the changes on both sides.
    @Test func cleanedDiffsRebuildBothValuesOfVietnameseText() {
        for seed in UInt64(0)..<500 {
            var rng = SplitMix64(seed: seed)
            let old = VietnameseEdits.text(using: &rng, words: rng.int(0...40))
            let new = VietnameseEdits.edited(old, using: &rng)
            let segments = WordDiff.segments(from: old, to: new)
            #expect(segments.filter { $0.operation != .inserted }.map(\.text).joined() == old, "seed \(seed)")
            #expect(segments.filter { $0.operation != .deleted }.map(\.text).joined() == new, "seed \(seed)")
            #expect(segments.allSatisfy { !$0.text.isEmpty }, "seed \(seed)")
            for (index, segment) in segments.enumerated() where segment.operation == .equal && index > 0 && index < segments.count - 1 {
                let before = segments[..<index].reversed().prefix { $0.operation != .equal }.map(\.text.count).max() ?? 0
                let after = segments[(index + 1)...].prefix { $0.operation != .equal }.map(\.text.count).max() ?? 0
                let blank = segment.text.allSatisfy(\.isWhitespace)
                #expect(!blank, "seed \(seed): \(segments)")
                #expect(segment.text.count > min(before, after), "seed \(seed): \(segments)")
            }
        }
    }
}
