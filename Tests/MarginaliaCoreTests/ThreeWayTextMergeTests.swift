import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("ThreeWayTextMerge")
struct ThreeWayTextMergeTests {
    func merged(_ base: String, _ ours: String, _ theirs: String) -> String? {
        ThreeWayTextMerge.merge(base: base, ours: ours, theirs: theirs).text
    }

    @Test func changesToDifferentSentencesMergeCleanly() {
        #expect(merged("The quick fox. The brown dog.", "The slow fox. The brown dog.", "The quick fox. The lazy dog.")
            == "The slow fox. The lazy dog.")
    }

    @Test func vietnameseEditsMerge() {
        let base = "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng cao."
        let ours = "Mưa rất lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng cao."
        let theirs = "Mưa lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng rất cao."
        let result = "Mưa rất lớn kéo dài khiến nhiều tuyến đường ở Hà Nội ngập sâu. Mực nước sông Tô Lịch dâng rất cao."
        #expect(merged(base, ours, theirs) == result)
        // Words compare by canonical equivalence: one side in NFD merges the same way.
        #expect(merged(base, ours.decomposedStringWithCanonicalMapping, theirs) == result)
    }

    @Test func deletionsMerge() {
        #expect(merged("One. Two three. Four. Five six.", "One. Three. Four. Five six.", "One. Two three. Four.")
            == "One. Three. Four.")
        #expect(merged("keep this, drop that", "keep this", "keep this, drop that") == "keep this")
    }

    @Test func identicalChangesMergeOnce() {
        #expect(merged("a b c", "a X c", "a X c") == "a X c")
    }

    /// The case: both rewrote one phrase. One conflict between the two whole
    /// phrases, with nothing of either merged on its own ("dấu mốc rực rỡ" is neither's).
    @Test func overlappingRewritesOfAPhraseAreOneConflict() {
        let merge = ThreeWayTextMerge.merge(base: Self.phrase.base, ours: Self.phrase.ours, theirs: Self.phrase.theirs)
        #expect(merge.chunks == [
            .merged("Chiến thắng Điện Biên Phủ là một "),
            .conflict(base: "mốc son lịch sử", ours: "mốc son rực rỡ", theirs: "dấu mốc quan trọng"),
            .merged(" của dân tộc. Nó mở ra một thời kỳ mới."),
        ])
        #expect(merge.conflictCount == 1)
    }

    static let phrase = (
        base: "Chiến thắng Điện Biên Phủ là một mốc son lịch sử của dân tộc. Nó mở ra một thời kỳ mới.",
        ours: "Chiến thắng Điện Biên Phủ là một mốc son rực rỡ của dân tộc. Nó mở ra một thời kỳ mới.",
        theirs: "Chiến thắng Điện Biên Phủ là một dấu mốc quan trọng của dân tộc. Nó mở ra một thời kỳ mới."
    )

    /// Changes to one sentence are one conflict even when their words are apart; changes
    /// with only punctuation between them touch across sentences; others merge.
    @Test func changesInOneSentenceOrTouchingAreOneConflict() {
        let base = "Mưa lớn kéo dài khiến nhiều tuyến đường ngập. Nước dâng cao. Trời tạnh."
        let sentence = ThreeWayTextMerge.merge(
            base: base, ours: "Mưa rất lớn kéo dài khiến nhiều tuyến đường ngập. Nước dâng cao. Trời tạnh.",
            theirs: "Mưa lớn kéo dài khiến nhiều tuyến phố ngập. Nước dâng cao. Trời tạnh.")
        #expect(sentence.chunks == [
            .merged("Mưa "),
            .conflict(base: "lớn kéo dài khiến nhiều tuyến đường", ours: "rất lớn kéo dài khiến nhiều tuyến đường",
                      theirs: "lớn kéo dài khiến nhiều tuyến phố"),
            .merged(" ngập. Nước dâng cao. Trời tạnh."),
        ])
        let touching = ThreeWayTextMerge.merge(
            base: base, ours: "Mưa lớn kéo dài khiến nhiều tuyến đường ngập sâu. Nước dâng cao. Trời tạnh.",
            theirs: "Mưa lớn kéo dài khiến nhiều tuyến đường ngập. Sông dâng cao. Trời tạnh.")
        #expect(touching.chunks == [
            .merged("Mưa lớn kéo dài khiến nhiều tuyến đường "),
            .conflict(base: "ngập. Nước", ours: "ngập sâu. Nước", theirs: "ngập. Sông"),
            .merged(" dâng cao. Trời tạnh."),
        ])
        #expect(merged(base, "Mưa lớn kéo dài khiến nhiều tuyến đường ngập. Nước dâng rất cao. Trời tạnh.",
                       "Mưa lớn kéo dài khiến nhiều tuyến đường ngập. Nước dâng cao. Trời đã tạnh.")
            == "Mưa lớn kéo dài khiến nhiều tuyến đường ngập. Nước dâng rất cao. Trời đã tạnh.")
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
        #expect(merge.settled(marked) == nil)
        #expect(merge.settled("đo lúc 7h sáng") == "đo lúc 7h sáng")
        #expect(merge.settled("đo lúc\n<<<<<<< laptop\n7h\n>>>>>>> office\nsáng") == "đo lúc7hsáng")
    }

    /// Settling a conflict by keeping one version (deleting the marker lines as in git, or
    /// keeping `<<<<<<<` and `>>>>>>>` around it) puts exactly it back in the sentence:
    /// the line breaks around the markers are the markers'.
    @Test func keepingOneVersionGivesExactlyTheSentence() throws {
        let merge = ThreeWayTextMerge.merge(base: Self.phrase.base, ours: Self.phrase.ours, theirs: Self.phrase.theirs)
        let marked = merge.markedText(ours: "laptop", ancestor: "ancestor", theirs: "office")
        let lines = marked.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == [
            "Chiến thắng Điện Biên Phủ là một ", "<<<<<<< laptop", "mốc son rực rỡ", "||||||| ancestor", "mốc son lịch sử",
            "=======", "dấu mốc quan trọng", ">>>>>>> office", " của dân tộc. Nó mở ra một thời kỳ mới.",
        ])
        /// The marked text with only lines `kept` of the block (lines 1 to 7).
        func keeping(_ kept: Int...) -> String? {
            merge.settled(lines.enumerated().filter { !(1...7).contains($0.offset) || kept.contains($0.offset) }
                .map(\.element).joined(separator: "\n"))
        }
        // As in git: marker lines deleted with the other versions.
        #expect(keeping(2) == Self.phrase.ours)
        #expect(keeping(6) == Self.phrase.theirs)
        #expect(keeping(4) == Self.phrase.base)
        // Or the outer markers kept (and any between).
        #expect(keeping(1, 2, 7) == Self.phrase.ours)
        #expect(keeping(1, 6, 7) == Self.phrase.theirs)
        #expect(keeping(1, 2, 3, 5, 7) == Self.phrase.ours)
        // Nothing kept deletes the words; written words are taken as written.
        #expect(keeping() == "Chiến thắng Điện Biên Phủ là một  của dân tộc. Nó mở ra một thời kỳ mới.")
        var written = lines
        written[2] = "mốc son chói lọi"
        #expect(merge.settled(written.enumerated().filter { !(3...7).contains($0.offset) && $0.offset != 1 }.map(\.element)
            .joined(separator: "\n")) == "Chiến thắng Điện Biên Phủ là một mốc son chói lọi của dân tộc. Nó mở ra một thời kỳ mới.")
        // Two versions between markers, or a marker out of place: not settled.
        #expect(keeping(1, 2, 5, 6, 7) == nil)
        #expect(keeping(2, 7) == nil)
        #expect(keeping(1, 2) == nil)
        // The text around changed too: a conflict with its outer markers still comes back
        // in place; the rest is taken as it is.
        let elsewhere = lines.enumerated().filter { ![3, 4, 5, 6].contains($0.offset) }.map(\.element)
            .joined(separator: "\n").replacingOccurrences(of: "thời kỳ", with: "giai đoạn")
        #expect(merge.settled(elsewhere) == Self.phrase.ours.replacingOccurrences(of: "thời kỳ", with: "giai đoạn"))
    }

    /// Line breaks of the text itself survive, around a conflict and inside a version.
    @Test func lineBreaksOfTheTextAreKept() {
        let (base, ours) = ("Một.\nHai ba.\n\nBốn.", "Một.\nHai bốn.\nNăm.\n\nBốn.")
        let merge = ThreeWayTextMerge.merge(base: base, ours: ours, theirs: "Một.\nHai năm.\n\nBốn.")
        let lines = merge.markedText(ours: "a", ancestor: "o", theirs: "b")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines == ["Một.", "Hai ", "<<<<<<< a", "bốn.", "Năm", "||||||| o", "ba", "=======", "năm", ">>>>>>> b", ".", "", "Bốn."])
        let gitStyle = lines.filter { !["<<<<<<< a", "||||||| o", "ba", "=======", "năm", ">>>>>>> b"].contains($0) }
        #expect(merge.settled(gitStyle.joined(separator: "\n")) == ours)
        let markersKept = lines.filter { !["||||||| o", "ba", "=======", "năm"].contains($0) }
        #expect(merge.settled(markersKept.joined(separator: "\n")) == ours)
    }

    @Test func insertionsAtTheSamePlaceConflict() {
        let merge = ThreeWayTextMerge.merge(base: "a c", ours: "a b c", theirs: "a x c")
        #expect(merge.conflictCount == 1)
        // The conflict takes in the words around the insertions, so it reads as text.
        #expect(merge.chunks == [.conflict(base: "a c", ours: "a b c", theirs: "a x c")])
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

    /// Random texts of sentences, each left alone, changed by one side only (inside the
    /// sentence, its first and last words kept) or changed by both; each side writes
    /// words of its own. Taking one side in every conflict gives exactly what that side
    /// wrote of every sentence it changed, and the other side's text of every other one:
    /// so a conflict holds both sides' whole changes, nothing of a sentence both changed
    /// is merged on its own, and changes to different sentences merge. The merge is the
    /// same every time, and mirrors when the sides swap.
    @Test func conflictsHoldBothSidesWholeChanges() {
        let first = propertyFirstSeed()
        let count = propertySeedCount(default: 500)
        var conflicted = 0
        for seed in first..<(first + UInt64(count)) {
            var rng = SplitMix64(seed: seed)
            // No word twice, or the diff could take a change inside a sentence for one at its edge.
            var unused = Self.baseWords
            let sentences = (0..<rng.int(1...5)).map { _ in
                (0..<rng.int(3...7)).map { _ in unused.remove(at: rng.int(0...(unused.count - 1))) }
            }
            var ours = sentences
            var theirs = sentences
            // 0: neither side, 1: ours only, 2: theirs only, 3: both.
            let who = sentences.map { _ in rng.int(0...3) }
            for (index, sentence) in sentences.enumerated() {
                if who[index] & 1 != 0 { ours[index] = Self.rewrite(sentence, with: Self.ourWords, inside: who[index] == 1, &rng) }
                if who[index] & 2 != 0 { theirs[index] = Self.rewrite(sentence, with: Self.theirWords, inside: who[index] == 2, &rng) }
            }
            let breaks = sentences.dropLast().map { _ in rng.pick([" ", " ", "  ", "\n", "\n\n"]) }
            func render(_ text: [[String]]) -> String {
                text.enumerated().map { $1.joined(separator: " ") + "." + ($0 < breaks.count ? breaks[$0] : "") }.joined()
            }
            let merge = ThreeWayTextMerge.merge(base: render(sentences), ours: render(ours), theirs: render(theirs))
            let takingOurs = sentences.indices.map { who[$0] == 2 ? theirs[$0] : ours[$0] }
            let takingTheirs = sentences.indices.map { who[$0] == 1 ? ours[$0] : theirs[$0] }
            #expect(Self.taking(\.ours, merge) == render(takingOurs), "seed \(seed)")
            #expect(Self.taking(\.theirs, merge) == render(takingTheirs), "seed \(seed)")
            if !who.contains(2) { #expect(Self.taking(\.ours, merge) == render(ours), "seed \(seed)") }
            if !who.contains(1) { #expect(Self.taking(\.theirs, merge) == render(theirs), "seed \(seed)") }
            // Every word a side wrote in a sentence both changed is inside a conflict, on its side.
            let conflicts = merge.chunks.compactMap(Conflict.init)
            let bothChanged = sentences.indices.filter { who[$0] == 3 }
            #expect(Self.count(Self.ourWords, in: conflicts.map(\.ours).joined(separator: " "))
                == Self.count(Self.ourWords, in: bothChanged.map { ours[$0].joined(separator: " ") }.joined(separator: " ")),
                "seed \(seed)")
            #expect(Self.count(Self.theirWords, in: conflicts.map(\.theirs).joined(separator: " "))
                == Self.count(Self.theirWords, in: bothChanged.map { theirs[$0].joined(separator: " ") }.joined(separator: " ")),
                "seed \(seed)")
            #expect(conflicts.allSatisfy { Self.count(Self.theirWords, in: $0.ours) == 0 && Self.count(Self.ourWords, in: $0.theirs) == 0 },
                    "seed \(seed)")
            if bothChanged.contains(where: { ours[$0] != theirs[$0] }) { #expect(!conflicts.isEmpty, "seed \(seed)") }
            if conflicts.isEmpty { #expect(merge.text == render(takingOurs), "seed \(seed)") } else { conflicted += 1 }
            // Deterministic, and mirrored when the sides swap.
            #expect(ThreeWayTextMerge.merge(base: render(sentences), ours: render(ours), theirs: render(theirs)) == merge)
            let swapped = ThreeWayTextMerge.merge(base: render(sentences), ours: render(theirs), theirs: render(ours))
            #expect(swapped.chunks.compactMap(Conflict.init).map { Conflict(base: $0.base, ours: $0.theirs, theirs: $0.ours) }
                == conflicts, "seed \(seed)")
        }
        if count >= 100 { #expect(conflicted > count / 4 && conflicted < count, "conflicted \(conflicted) of \(count)") }
    }

    /// A conflict chunk's three texts.
    struct Conflict: Equatable {
        var base: String
        var ours: String
        var theirs: String

        init(base: String, ours: String, theirs: String) {
            (self.base, self.ours, self.theirs) = (base, ours, theirs)
        }

        init?(_ chunk: TextMerge.Chunk) {
            guard case .conflict(let base, let ours, let theirs) = chunk else { return nil }
            self.init(base: base, ours: ours, theirs: theirs)
        }
    }

    /// The merge with one side taken in every conflict.
    static func taking(_ side: KeyPath<Conflict, String>, _ merge: TextMerge) -> String {
        merge.chunks.map { chunk in Conflict(chunk)?[keyPath: side] ?? { if case .merged(let text) = chunk { text } else { "" } }() }
            .joined()
    }

    static func count(_ vocabulary: [String], in text: String) -> Int {
        WordTokens.of(text).count { vocabulary.contains(String($0)) }
    }

    static let baseWords = [
        "mưa", "lớn", "Hà", "Nội", "đường", "ngập", "sông", "4,15", "m", "nước", "dâng", "cao", "phố", "giờ", "sáng",
        "trạm", "bơm", "xe", "công", "nhân", "thoát", "điểm", "mức", "báo", "động", "1.200", "tuyến", "giao", "thông",
        "ùn", "tắc", "kéo", "dài", "đêm", "thành", "quận", "người", "dân", "phường", "Láng",
    ]
    static let ourWords = ["rực", "rỡ", "chói", "lọi"]
    static let theirWords = ["quan", "trọng", "dấu", "ấn"]

    /// `sentence` with one to three words replaced, deleted or inserted (from `words`),
    /// and different from before; with `inside`, its first and last words stay.
    static func rewrite(_ sentence: [String], with words: [String], inside: Bool, _ rng: inout SplitMix64) -> [String] {
        var result = sentence
        while result == sentence {
            result = sentence
            for _ in 0..<rng.int(1...3) {
                let edge = inside ? 1 : 0
                // Replacing or deleting needs a word that may go (and one left after).
                let kind = result.count - 2 * edge > 1 - edge ? rng.int(0...2) : 2
                switch kind {
                case 0: result[rng.int(edge...(result.count - 1 - edge))] = rng.pick(words)
                case 1: result.remove(at: rng.int(edge...(result.count - 1 - edge)))
                default: result.insert(rng.pick(words), at: rng.int(edge...(result.count - edge)))
                }
            }
        }
        return result
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
