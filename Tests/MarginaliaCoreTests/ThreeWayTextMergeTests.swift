import Foundation
import MarginaliaCore
import MarginaliaTestSupport
import Testing

@Suite("ThreeWayTextMerge")
struct ThreeWayTextMergeTests {
    func merged(_ base: String, _ ours: String, _ theirs: String) -> String? {
        ThreeWayTextMerge.merge(base: base, ours: ours, theirs: theirs).text
    }

    @Test func changesToDifferentWordsMergeCleanly() {
        #expect(merged("the quick brown fox", "the slow brown fox", "the quick brown dog") == "the slow brown dog")
    }

    @Test func vietnameseEditsMerge() {
        let base = "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu."
        let ours = "Mưa rất lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu."
        let theirs = "Mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu."
        #expect(merged(base, ours, theirs) == "Mưa rất lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu.")
        // Words compare by canonical equivalence: one side in NFD merges the same way.
        #expect(merged(base, ours.decomposedStringWithCanonicalMapping, theirs)
            == "Mưa rất lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu.")
    }

    @Test func deletionsMerge() {
        #expect(merged("one two three four", "one three four", "one two three") == "one three")
        #expect(merged("keep this, drop that", "keep this", "keep this, drop that") == "keep this")
    }

    @Test func identicalChangesMergeOnce() {
        #expect(merged("a b c", "a X c", "a X c") == "a X c")
    }

    @Test func conflictingChangesAreReported() {
        let merge = ThreeWayTextMerge.merge(base: "đo lúc 6h sáng", ours: "đo lúc 7h sáng", theirs: "đo lúc 8h sáng")
        #expect(!merge.isClean && merge.text == nil)
        #expect(merge.chunks == [
            .merged("đo lúc "), .conflict(base: "6h", ours: "7h", theirs: "8h"), .merged(" sáng"),
        ])
        let marked = merge.markedText(ours: "laptop", ancestor: "ancestor", theirs: "office")
        #expect(marked == """
            đo lúc 
            <<<<<<< laptop
            7h
            ||||||| ancestor
            6h
            =======
            8h
            >>>>>>> office
             sáng
            """)
        #expect(TextMerge.hasConflictMarkers(marked))
        #expect(!TextMerge.hasConflictMarkers("đo lúc 7h sáng"))
    }

    @Test func insertionsAtTheSamePlaceConflict() {
        let merge = ThreeWayTextMerge.merge(base: "a c", ours: "a b c", theirs: "a x c")
        #expect(merge.conflictCount == 1)
        #expect(merge.chunks.contains(.conflict(base: "", ours: "b ", theirs: "x ")))
        // Equal insertions are not a conflict.
        #expect(merged("a c", "a b c", "a b c") == "a b c")
    }

    @Test func withoutAnAncestorEverythingDifferentConflicts() {
        let merge = ThreeWayTextMerge.merge(base: "", ours: "left", theirs: "right")
        #expect(merge.chunks == [.conflict(base: "", ours: "left", theirs: "right")])
    }

    /// Random seeds: merge(a, a, b) == b, merge(o, a, o) == a, and a clean merge is symmetric.
    @Test func mergeProperties() {
        let first = propertyFirstSeed()
        let count = propertySeedCount(default: 300)
        var clean = 0
        for seed in first..<(first + UInt64(count)) {
            var rng = SplitMix64(seed: seed)
            let base = Self.text(&rng)
            let ours = Self.edit(base, &rng)
            let theirs = Self.edit(base, &rng)
            #expect(merged(ours, ours, theirs) == theirs, "seed \(seed)")
            #expect(merged(base, ours, base) == ours, "seed \(seed)")
            #expect(merged(base, base, theirs) == theirs, "seed \(seed)")
            let forward = ThreeWayTextMerge.merge(base: base, ours: ours, theirs: theirs)
            let backward = ThreeWayTextMerge.merge(base: base, ours: theirs, theirs: ours)
            #expect(forward.isClean == backward.isClean, "seed \(seed)")
            if let text = forward.text {
                clean += 1
                #expect(backward.text == text, "seed \(seed)")
            }
        }
        if count >= 100 { #expect(clean > count / 10, "too few clean merges: \(clean)") }
    }

    static let words = ["mưa", "lớn", "Hà", "Nội", "đường", "ngập", "the", "flood", "日本", "👩‍👩‍👧", "4,15", "m", "sông"]
    static let separators = [" ", " ", " ", ", ", ". ", "\n", "  "]

    static func text(_ rng: inout SplitMix64) -> String {
        (0..<rng.int(0...25)).map { _ in rng.pick(words) + rng.pick(separators) }.joined()
    }

    /// A few word-level edits: replacing, deleting and inserting words.
    static func edit(_ text: String, _ rng: inout SplitMix64) -> String {
        var tokens = WordTokens.of(text).map(String.init)
        for _ in 0..<rng.int(0...3) {
            let position = rng.int(0...tokens.count)
            switch rng.int(0...2) {
            case 0 where position < tokens.count: tokens[position] = rng.pick(words)
            case 1 where position < tokens.count: tokens.remove(at: position)
            default: tokens.insert(rng.pick(words) + " ", at: position)
            }
        }
        return tokens.joined()
    }
}
