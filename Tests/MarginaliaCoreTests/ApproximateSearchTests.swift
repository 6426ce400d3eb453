@testable import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("ApproximateSearch and ScalarEditDistance")
struct ApproximateSearchTests {
    private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    @Test func editDistances() {
        #expect(ScalarEditDistance.levenshtein(scalars("kitten")[...], scalars("sitting")[...]) == 3)
        #expect(ScalarEditDistance.levenshtein(scalars("")[...], scalars("abc")[...]) == 3)
        #expect(ScalarEditDistance.levenshtein(scalars("nước")[...], scalars("nược")[...]) == 1)
        #expect(ScalarEditDistance.commonSubsequenceLength(scalars("e-mail")[...], scalars("email")[...]) == 5)
        #expect(ScalarEditDistance.commonSubsequenceLength(scalars("ba")[...], scalars("hai")[...]) == 1)
        #expect(ScalarEditDistance.commonSubsequenceLength(scalars("abc")[...], scalars("")[...]) == 0)
    }

    @Test func findsAQuoteWithAFewErrors() {
        let text = scalars("and the tide rises over the old gray harbor wall before noon.")
        let found = ApproximateSearch.matches(of: scalars("the old grey harbour wall"), in: text, maxErrors: 6)
        #expect(found.map(\.errors).min() == 2)
        let best = found.min { $0.errors < $1.errors }!
        #expect(String(String.UnicodeScalarView(text[best.range])) == "the old gray harbor wall")
    }

    @Test func nothingBeyondTheBound() {
        #expect(ApproximateSearch.matches(of: scalars("abcdefgh"), in: scalars("xxxxxxxxxxxx"), maxErrors: 2).isEmpty)
        #expect(ApproximateSearch.matches(of: scalars("ab"), in: scalars("ab"), maxErrors: 2).isEmpty)
    }

    /// Every match has the fewest errors any substring ending there has, and its range
    /// really is that close; every exact occurrence is found.
    @Test func matchesAgreeWithBruteForce() {
        var rng = SplitMix64(seed: 5)
        let alphabet = scalars("abcd ")
        for _ in 0..<200 {
            let text = (0..<rng.int(0...40)).map { _ in rng.pick(alphabet) }
            let pattern = (0..<rng.int(1...8)).map { _ in rng.pick(alphabet) }
            let bound = rng.int(0...(pattern.count - 1))
            func fewestErrors(endingAt end: Int) -> Int {
                (0...end).map { ScalarEditDistance.levenshtein(text[$0..<end], pattern[...]) }.min()!
            }
            let found = ApproximateSearch.matches(of: pattern, in: text, maxErrors: bound)
            for match in found {
                #expect(match.errors <= bound)
                #expect(match.errors == fewestErrors(endingAt: match.range.upperBound))
                #expect(ScalarEditDistance.levenshtein(text[match.range], pattern[...]) == match.errors)
            }
            let ends = Set(found.map(\.range.upperBound))
            for end in pattern.count...max(pattern.count, text.count) where end <= text.count
                && text[(end - pattern.count)..<end].elementsEqual(pattern) && fewestErrors(endingAt: end - 1) > 0 {
                #expect(ends.contains(end))
            }
        }
    }
}
