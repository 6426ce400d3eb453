/// A word-level diff: what changed between two texts, in runs of whole tokens
/// (`WordTokens`), so a changed diacritic shows as a changed word and whitespace and
/// punctuation are kept exactly.
public enum WordDiff {
    /// One run of the diff, in reading order.
    public struct Segment: Hashable, Sendable {
        public enum Operation: String, Hashable, Sendable {
            /// In both texts.
            case equal
            /// Only in the old text.
            case deleted
            /// Only in the new text.
            case inserted
        }

        public var operation: Operation
        public var text: String

        public init(_ operation: Operation, _ text: String) {
            self.operation = operation
            self.text = text
        }
    }

    /// The runs turning `old` into `new`: joining the equal and deleted runs gives
    /// `old`, the equal and inserted ones `new`. Within a change, deletions come first.
    /// Whitespace alone between two changes joins them, so a rewritten phrase reads as
    /// one change (`[-quan trọng-]{+chói lọi+}`), not as words changed around a kept space.
    public static func segments(from old: String, to new: String) -> [Segment] {
        let alignment = WordAlignment(from: old, to: new)
        var segments: [Segment] = []
        var (deleted, inserted) = ("", "")
        func endChange() {
            if !deleted.isEmpty { segments.append(Segment(.deleted, deleted)) }
            if !inserted.isEmpty { segments.append(Segment(.inserted, inserted)) }
            (deleted, inserted) = ("", "")
        }
        for (index, piece) in alignment.pieces.enumerated() {
            let kept = alignment.old.text(piece.old)
            let inChange = !deleted.isEmpty || !inserted.isEmpty
            if piece.isEqual, !(inChange && index + 1 < alignment.pieces.count && kept.allSatisfy(\.isWhitespace)) {
                endChange()
                segments.append(Segment(.equal, kept))
                continue
            }
            deleted += kept
            inserted += alignment.new.text(piece.new)
        }
        endChange()
        return segments
    }

    /// The pairs of positions (in `old`, in `new`) of a longest common subsequence, in
    /// increasing order: what both sides kept. Tokens compare by canonical equivalence.
    public static func matches(_ old: [Substring], _ new: [Substring]) -> [(Int, Int)] {
        var removed = [Bool](repeating: false, count: old.count)
        var inserted = [Bool](repeating: false, count: new.count)
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removed[offset] = true
            case .insert(let offset, _, _): inserted[offset] = true
            }
        }
        var pairs: [(Int, Int)] = []
        var i = 0
        var j = 0
        while i < old.count, j < new.count {
            if removed[i] {
                i += 1
            } else if inserted[j] {
                j += 1
            } else {
                pairs.append((i, j))
                i += 1
                j += 1
            }
        }
        return pairs
    }
}
