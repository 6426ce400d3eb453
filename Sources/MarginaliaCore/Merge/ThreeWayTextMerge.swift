/// A word-level three-way merge (diff3) of two versions of a text against their common
/// ancestor, for settling a conflicted title, body or note.
///
/// Both versions are diffed against the ancestor word by word (`WordTokens`, so any
/// script works and whitespace and punctuation are kept). Each diff is a list of
/// changes to the ancestor. Changes (of either side) that overlap or touch are gathered
/// into one region, as diff3 gathers overlapping line changes; for prose, the unit a
/// reader judges as a whole is the sentence, so two changes touch when nothing but
/// whitespace and punctuation lies between them, or when they fall in the same
/// sentence. A region only one side changed takes that side's words, one both changed
/// identically takes them once, and one both changed differently is a single conflict
/// holding each side's whole text of the region: nothing of either side's change inside
/// it is merged on its own, so the merge never builds a phrase neither person wrote.
///
/// The merge is deterministic and symmetric, `merge(o, o, b) == b` and
/// `merge(o, a, o) == a`.
public enum ThreeWayTextMerge {
    public static func merge(base: String, ours: String, theirs: String) -> TextMerge {
        let o = WordTokens.of(base)
        let sides = [WordTokens.of(ours), WordTokens.of(theirs)]
        let sentences = Sentences(o)
        let changes = sides.indices
            .flatMap { side in Self.changes(from: o, to: sides[side]).map { Change(side: side, base: $0.0, text: $0.1) } }
            .sorted { ($0.base.lowerBound, $0.base.upperBound, $0.side) < ($1.base.lowerBound, $1.base.upperBound, $1.side) }

        var regions: [Region] = []
        for change in changes {
            if let last = regions.last, last.touches(change, in: o, sentences) {
                regions[regions.count - 1].add(change, in: o, sentences)
            } else {
                regions.append(Region(change, in: o, sentences))
            }
        }

        var chunks: [TextMerge.Chunk] = []
        func add(_ chunk: TextMerge.Chunk) {
            if case .merged(let text) = chunk {
                if text.isEmpty { return }
                if case .merged(let previous) = chunks.last {
                    chunks[chunks.count - 1] = .merged(previous + text)
                    return
                }
            }
            chunks.append(chunk)
        }
        // Outside the regions both sides are the ancestor, shifted by the changes before.
        var shift = [0, 0]
        var position = 0
        for region in regions {
            let texts = sides.indices.map { side in
                let start = region.base.lowerBound + shift[side]
                shift[side] += region.changes.filter { $0.side == side }.reduce(0) { $0 + $1.text.count - $1.base.count }
                return sides[side][start..<(region.base.upperBound + shift[side])]
            }
            let (chunk, lower, upper) = settle(base: o[region.base], ours: texts[0], theirs: texts[1], in: o, after: position)
            let end = max(upper, region.base.upperBound)
            add(.merged(o[position..<lower].joined()))
            add(chunk)
            add(.merged(o[upper..<end].joined()))
            position = end
        }
        add(.merged(o[position...].joined()))
        return TextMerge(chunks: chunks)
    }

    /// One change of one side: ancestor tokens `base` replaced by that side's tokens `text`.
    private struct Change {
        var side: Int
        var base: Range<Int>
        var text: Range<Int>
    }

    /// Changes gathered because they overlap or touch: the ancestor tokens they cover,
    /// and the last sentence they reach.
    private struct Region {
        var base: Range<Int>
        var lastSentence: Int?
        var changes: [Change]

        init(_ change: Change, in tokens: [Substring], _ sentences: Sentences) {
            base = change.base
            lastSentence = sentences.of(change.base, in: tokens)?.upperBound
            changes = [change]
        }

        mutating func add(_ change: Change, in tokens: [Substring], _ sentences: Sentences) {
            base = base.lowerBound..<max(base.upperBound, change.base.upperBound)
            if let reached = sentences.of(change.base, in: tokens)?.upperBound {
                lastSentence = max(lastSentence ?? reached, reached)
            }
            changes.append(change)
        }

        /// Whether `change`, starting at or after this region, overlaps or touches it:
        /// only whitespace and punctuation between them, or a sentence in common.
        func touches(_ change: Change, in tokens: [Substring], _ sentences: Sentences) -> Bool {
            if change.base.lowerBound <= base.upperBound { return true }
            if tokens[base.upperBound..<change.base.lowerBound].allSatisfy({ !Sentences.isWord($0) }) { return true }
            guard let lastSentence, let first = sentences.of(change.base, in: tokens)?.lowerBound else { return false }
            return first <= lastSentence
        }
    }

    /// Which sentence each ancestor token belongs to. A sentence ends at `.`, `!`, `?`,
    /// `…` or a line break; the whitespace and punctuation after its end still belong to
    /// it, and the next word starts the next one.
    private struct Sentences {
        let index: [Int]

        init(_ tokens: [Substring]) {
            var index: [Int] = []
            index.reserveCapacity(tokens.count)
            var sentence = 0
            var ended = false
            for token in tokens {
                if Self.isWord(token) {
                    if ended { sentence += 1 }
                    ended = false
                } else if token.contains(where: { Self.terminators.contains($0) || $0.isNewline }) {
                    ended = true
                }
                index.append(sentence)
            }
            self.index = index
        }

        /// The sentences a change of `range` of `tokens` falls in: those of its tokens
        /// but whitespace (which the diff may take from either side of a sentence break;
        /// all of them when it is only whitespace), or for an insertion, that of the token
        /// after it (the last one at the end).
        func of(_ range: Range<Int>, in tokens: [Substring]) -> ClosedRange<Int>? {
            guard !range.isEmpty else {
                guard !index.isEmpty else { return nil }
                let at = min(range.lowerBound, index.count - 1)
                return index[at]...index[at]
            }
            let visible = range.filter { tokens[$0].first?.isWhitespace == false }
            guard let first = visible.first, let last = visible.last else {
                return index[range.lowerBound]...index[range.upperBound - 1]
            }
            return index[first]...index[last]
        }

        /// Whether a token is a word (or symbol), not whitespace or punctuation.
        static func isWord(_ token: Substring) -> Bool {
            guard let first = token.first else { return false }
            return !first.isWhitespace && !first.isPunctuation
        }

        private static let terminators: Set<Character> = [".", "!", "?", "…", "。", "！", "？"]
    }

    /// Settles one region (`base` of the ancestor `tokens`, no earlier than `position`,
    /// and the sides' text of it), and returns the chunk with the ancestor tokens it
    /// stands for. Whitespace and punctuation all three share at the edges stay outside,
    /// so a region runs from word to word wherever the diffs aligned spaces; but a
    /// conflict that would start or end with a space, a comma or nothing reads badly
    /// between markers, so it takes in the unchanged word next to it.
    private static func settle(
        base: ArraySlice<Substring>, ours: ArraySlice<Substring>, theirs: ArraySlice<Substring>,
        in tokens: [Substring], after position: Int
    ) -> (TextMerge.Chunk, lower: Int, upper: Int) {
        var (b, x, y) = (base, ours, theirs)
        while let t = b.first, !Sentences.isWord(t), x.first == t, y.first == t {
            (b, x, y) = (b.dropFirst(), x.dropFirst(), y.dropFirst())
        }
        while let t = b.last, !Sentences.isWord(t), x.last == t, y.last == t {
            (b, x, y) = (b.dropLast(), x.dropLast(), y.dropLast())
        }
        let chunk = resolve(base: b, ours: x, theirs: y)
        guard case .conflict = chunk else { return (chunk, b.startIndex, b.endIndex) }
        var (lower, upper) = (b.startIndex, b.endIndex)
        if [b, x, y].contains(where: { $0.first.map { !Sentences.isWord($0) } ?? true }) {
            while lower > position {
                lower -= 1
                if Sentences.isWord(tokens[lower]) { break }
            }
        }
        if [b, x, y].contains(where: { $0.last.map { !Sentences.isWord($0) } ?? true }) {
            while upper < tokens.count {
                upper += 1
                if Sentences.isWord(tokens[upper - 1]) { break }
            }
        }
        let (before, after) = (tokens[lower..<b.startIndex].joined(), tokens[b.endIndex..<upper].joined())
        let conflict = TextMerge.Chunk.conflict(
            base: before + b.joined() + after, ours: before + x.joined() + after, theirs: before + y.joined() + after)
        return (conflict, lower, upper)
    }

    /// Settles one region: a side that left the ancestor as it was yields to the other.
    private static func resolve(
        base: ArraySlice<Substring>, ours: ArraySlice<Substring>, theirs: ArraySlice<Substring>
    ) -> TextMerge.Chunk {
        if ours.elementsEqual(base) { return .merged(theirs.joined()) }
        if theirs.elementsEqual(base) || ours.elementsEqual(theirs) { return .merged(ours.joined()) }
        return .conflict(base: base.joined(), ours: ours.joined(), theirs: theirs.joined())
    }

    /// The changes turning `old` into `new`: each a run of `old` replaced by a run of
    /// `new`, either possibly empty, in order.
    ///
    /// Words and punctuation are diffed first, without the whitespace between them:
    /// matched spaces would otherwise anchor as firmly as words, and a rewritten phrase
    /// would come out as single words changed between kept spaces, some of them taken
    /// from the next sentence. Between two kept tokens, whitespace both sides share at
    /// the start and end is kept too, so an insertion sits after a shared space (" rực"
    /// after a sentence's end is "rực " at the start of the next one).
    private static func changes(from old: [Substring], to new: [Substring]) -> [(Range<Int>, Range<Int>)] {
        let oldVisible = old.indices.filter { old[$0].first?.isWhitespace == false }
        let newVisible = new.indices.filter { new[$0].first?.isWhitespace == false }
        let kept = WordDiff.matches(oldVisible.map { old[$0] }, newVisible.map { new[$0] })
            .map { (oldVisible[$0.0], newVisible[$0.1]) }
        var changes: [(Range<Int>, Range<Int>)] = []
        var (i, j) = (0, 0)
        for (nextOld, nextNew) in kept + [(old.count, new.count)] {
            var (oldEnd, newEnd) = (nextOld, nextNew)
            while i < oldEnd, j < newEnd, old[i] == new[j] { (i, j) = (i + 1, j + 1) }
            while oldEnd > i, newEnd > j, old[oldEnd - 1] == new[newEnd - 1] { (oldEnd, newEnd) = (oldEnd - 1, newEnd - 1) }
            if i < oldEnd || j < newEnd { changes.append((i..<oldEnd, j..<newEnd)) }
            (i, j) = (nextOld + 1, nextNew + 1)
        }
        return changes
    }
}
