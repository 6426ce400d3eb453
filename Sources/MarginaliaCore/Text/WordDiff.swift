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
    ///
    /// Cleaned up for people to read, as diff-match-patch's semantic cleanup does: a
    /// kept stretch between two changes that is only whitespace, or no longer than the
    /// changes on both sides of it (a short word), joins them, so a rewritten phrase
    /// reads as one change (`[-quan trọng-]{+chói lọi+}`), not as words changed around
    /// kept spaces. And when the texts share less than half the words of the longer one,
    /// what they share is coincidence: the diff is the whole old text replaced by the
    /// whole new one.
    public static func segments(from old: String, to new: String) -> [Segment] {
        let alignment = WordAlignment(from: old, to: new)
        var runs = [Run]()
        for piece in alignment.pieces {
            let run = Run(old: alignment.old.text(piece.old), new: alignment.new.text(piece.new), isEqual: piece.isEqual)
            if run.isEqual { runs.append(run) } else { appendChange(run, to: &runs) }
        }
        let shared = runs.filter(\.isEqual).reduce(0) { $0 + wordCount($1.old) }
        if shared * 2 < max(wordCount(old), wordCount(new)) {
            runs = old.isEmpty && new.isEmpty ? [] : [Run(old: old, new: new, isEqual: false)]
        }
        return runs.flatMap { run -> [Segment] in
            if run.isEqual { return [Segment(.equal, run.old)] }
            return (run.old.isEmpty ? [] : [Segment(.deleted, run.old)]) + (run.new.isEmpty ? [] : [Segment(.inserted, run.new)])
        }
    }

    /// A stretch both texts kept, or a change replacing `old` by `new`.
    private struct Run {
        var old: String
        var new: String
        var isEqual: Bool

        /// The larger side of a change, in characters: how much a person reads there.
        var size: Int { max(old.count, new.count) }
    }

    /// Appends a change to `runs`, first joining it with the change before whenever
    /// the kept stretch between them is too slight to read as common ground; a joined
    /// change is larger, so the stretch before it is tried again.
    private static func appendChange(_ change: Run, to runs: inout [Run]) {
        var change = change
        while runs.count >= 2, let kept = runs.last, kept.isEqual, !runs[runs.count - 2].isEqual {
            let before = runs[runs.count - 2]
            let slight = kept.old.allSatisfy(\.isWhitespace) || (kept.old.count <= before.size && kept.old.count <= change.size)
            guard slight else { break }
            runs.removeLast(2)
            change = Run(old: before.old + kept.old + change.old, new: before.new + kept.new + change.new, isEqual: false)
        }
        runs.append(change)
    }

    /// The words in `text`: tokens with a letter or a digit (punctuation shared by
    /// chance is no sign of a shared text).
    private static func wordCount(_ text: String) -> Int {
        WordTokens.of(text).count { $0.contains { $0.isLetter || $0.isNumber } }
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
