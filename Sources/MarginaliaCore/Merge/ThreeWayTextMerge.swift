/// A word-level three-way merge (diff3) of two versions of a text against their common
/// ancestor, for settling a conflicted title, body or note.
///
/// Both versions are diffed against the ancestor word by word (`WordTokens`, so any
/// script works and whitespace and punctuation are kept). Where both kept the
/// ancestor's words the text is stable; between stable runs, a part only one side
/// changed takes that side's words, a part both changed identically takes them once,
/// and a part both changed differently (including different insertions at the same
/// place) is a conflict. The merge is symmetric, `merge(o, o, b) == b` and
/// `merge(o, a, o) == a`.
public enum ThreeWayTextMerge {
    public static func merge(base: String, ours: String, theirs: String) -> TextMerge {
        let o = WordTokens.of(base)
        let a = WordTokens.of(ours)
        let b = WordTokens.of(theirs)
        let inOurs = positions(WordDiff.matches(o, a), count: o.count)
        let inTheirs = positions(WordDiff.matches(o, b), count: o.count)
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
        var (i, j, k) = (0, 0, 0)
        while i < o.count || j < a.count || k < b.count {
            // A stable run: ancestor words both sides kept, in step.
            var stable = 0
            while i + stable < o.count, inOurs[i + stable] == j + stable, inTheirs[i + stable] == k + stable {
                stable += 1
            }
            if stable > 0 {
                add(.merged(o[i..<(i + stable)].joined()))
                (i, j, k) = (i + stable, j + stable, k + stable)
                continue
            }
            // An unstable run, up to the next ancestor word both sides kept (or the end).
            let next = (i..<o.count).first { inOurs[$0] != nil && inTheirs[$0] != nil }
            let (endO, endA, endB) = next.map { ($0, inOurs[$0]!, inTheirs[$0]!) } ?? (o.count, a.count, b.count)
            add(resolve(base: o[i..<endO], ours: a[j..<endA], theirs: b[k..<endB]))
            (i, j, k) = (endO, endA, endB)
        }
        return TextMerge(chunks: chunks)
    }

    /// Settles one unstable run: a side that left the ancestor as it was yields to the other.
    private static func resolve(
        base: ArraySlice<Substring>, ours: ArraySlice<Substring>, theirs: ArraySlice<Substring>
    ) -> TextMerge.Chunk {
        if ours.elementsEqual(base) { return .merged(theirs.joined()) }
        if theirs.elementsEqual(base) || ours.elementsEqual(theirs) { return .merged(ours.joined()) }
        return .conflict(base: base.joined(), ours: ours.joined(), theirs: theirs.joined())
    }

    /// For each ancestor position, where the other text kept that word (nil when it did not).
    private static func positions(_ matches: [(Int, Int)], count: Int) -> [Int?] {
        var positions = [Int?](repeating: nil, count: count)
        for (old, new) in matches { positions[old] = new }
        return positions
    }
}
