/// A word diff cut to what a person needs to see of it. Bodies are long and a change is
/// read in the words around it, so each unchanged stretch keeps only `context` tokens
/// (words and the spaces between them) next to the changes on either side, and `…`
/// stands for the rest. Every view of a change cuts the same way: a value's diff, the
/// ancestor it is compared with, a one-line summary.
public enum DiffExcerpt {
    /// `segments` with each unchanged stretch cut; changed text is kept whole. A diff
    /// with no change at all is kept whole too: there is nothing to cut around.
    public static func cut(_ segments: [WordDiff.Segment], context: Int) -> [WordDiff.Segment] {
        guard segments.contains(where: { $0.operation != .equal }) else { return segments }
        return segments.enumerated().map { index, segment in
            guard segment.operation == .equal else { return segment }
            let cut = cut(segment.text, keepsStart: index > 0, keepsEnd: index < segments.count - 1, context: context)
            return WordDiff.Segment(.equal, cut)
        }
    }

    /// `ancestor` around every place any of `values` changed it, cut as their diffs
    /// against it are: the same stretches, so each value's change can be read against
    /// the text it was made to. Whole when no value changed it.
    public static func ancestor(_ ancestor: String, changedIn values: [String], context: Int) -> String {
        let text = ScalarText(ancestor)
        // Where the values changed the ancestor, as scalar offsets: the text each deleted,
        // and an empty range where one only inserted.
        var changed: [Range<Int>] = []
        for value in values {
            var offset = 0
            for segment in WordDiff.segments(from: ancestor, to: value) {
                let length = segment.text.unicodeScalars.count
                switch segment.operation {
                case .equal: offset += length
                case .deleted: changed.append(offset..<offset + length); offset += length
                case .inserted: changed.append(offset..<offset)
                }
            }
        }
        guard !changed.isEmpty else { return ancestor }
        // The ancestor as kept stretches and changed ones, in order; an insertion is an
        // empty changed stretch, which the kept text on both sides is cut around.
        var stretches: [(text: String, isChanged: Bool)] = []
        var position = 0
        for range in merged(changed) {
            if position < range.lowerBound { stretches.append((text.text(position..<range.lowerBound), false)) }
            stretches.append((text.text(range), true))
            position = range.upperBound
        }
        if position < text.count { stretches.append((text.text(position..<text.count), false)) }
        return stretches.enumerated().map { index, stretch in
            stretch.isChanged ? stretch.text
                : cut(stretch.text, keepsStart: index > 0, keepsEnd: index < stretches.count - 1, context: context)
        }.joined()
    }

    /// The words of `value` that differ from `other`, each with `context` tokens around:
    /// what tells two competing values apart on one line.
    public static func differences(of value: String, from other: String, context: Int) -> String {
        cut(WordDiff.segments(from: other, to: value), context: context)
            .filter { $0.operation != .deleted }.map(\.text).joined()
    }

    /// `ranges` sorted, overlapping or touching ones joined (an empty range at the edge
    /// of another adds nothing: the kept text is cut there anyway).
    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// An unchanged stretch cut to the tokens next to the changes around it: its start
    /// when a change comes before, its end when one follows, ` … ` for the rest (the
    /// white space at the cut, a line break included, giving way to it).
    private static func cut(_ text: String, keepsStart: Bool, keepsEnd: Bool, context: Int) -> String {
        let tokens = WordTokens.of(text)
        let kept = (keepsStart ? context : 0) + (keepsEnd ? context : 0)
        guard tokens.count > kept + 1 else { return text }
        let start = keepsStart ? String(tokens.prefix(context).joined().reversed().drop(while: \.isWhitespace).reversed()) : ""
        let end = keepsEnd ? String(tokens.suffix(context).joined().drop(while: \.isWhitespace)) : ""
        return [start, "…", end].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
