import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("WordAlignment")
struct WordAlignmentTests {
    @Test func piecesAlternateAndTileBothTexts() {
        let alignment = WordAlignment(from: "Mưa lớn kéo dài ba ngày.", to: "Mưa rất lớn kéo dài hai ngày.")
        #expect(alignment.pieces.map(\.isEqual) == [true, false, true, false, true])
        #expect(alignment.pieces.map(\.old) == [0..<4, 4..<4, 4..<16, 16..<18, 18..<24])
        #expect(alignment.pieces.map(\.new) == [0..<4, 4..<8, 8..<20, 20..<23, 23..<29])
        #expect(!alignment.isIdentity)
        #expect(WordAlignment(from: "a b", to: "a b").isIdentity)
    }

    @Test func textInsertedAtTheEdgesOfARangeStaysOutside() {
        let alignment = WordAlignment(from: "one two three", to: "one new two also three")
        // "two" is 4..<7 in the old text and 8..<11 in the new one.
        #expect(alignment.newRange(for: 4..<7) == 8..<11)
        #expect(alignment.newSurroundings(of: 4..<7) == 4..<16)
        #expect(alignment.oldRange(for: 8..<11) == 4..<7)
    }

    @Test func textInsertedInsideARangeJoinsIt() {
        let alignment = WordAlignment(from: "one two three", to: "one two and a half three")
        #expect(alignment.newRange(for: 0..<13) == 0..<24)
    }

    @Test func offsetsInsideAChangedWordKeepTheSharedScalars() {
        let alignment = WordAlignment(from: "mực nước", to: "mực nược")
        // "n|ước" → "n|ược" and "nướ|c" → "nượ|c": the shared head and tail hold.
        #expect(alignment.newRange(for: 5..<7) == 5..<7)
        #expect(alignment.newRange(for: 4..<8) == 4..<8)
    }

    @Test func aDeletedRangeShrinksToWhereItWas() {
        let alignment = WordAlignment(from: "keep this gone keep", to: "keep this keep")
        #expect(alignment.newRange(for: 10..<14) == 10..<10)
        #expect(alignment.newRange(for: 0..<19) == 0..<14)
    }

    @Test func mappedRangesStayInsideOnGraphemeBoundaries() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let old = RandomText.string(using: &rng, length: rng.int(0...30))
            let new = RandomText.string(using: &rng, length: rng.int(0...30))
            let alignment = WordAlignment(from: old, to: new)
            let start = rng.int(0...alignment.old.count)
            let range = start..<rng.int(start...alignment.old.count)
            for mapped in [alignment.newRange(for: range), alignment.newSurroundings(of: range)] {
                #expect(mapped.lowerBound >= 0 && mapped.upperBound <= alignment.new.count)
                #expect(alignment.new.isGraphemeBoundary(mapped.lowerBound))
                #expect(alignment.new.isGraphemeBoundary(mapped.upperBound))
            }
        }
    }
}
