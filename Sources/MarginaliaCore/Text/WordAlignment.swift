/// How the scalar offsets of two texts correspond, as a word-level diff (`WordDiff.matches`
/// over `WordTokens`) aligns them: runs of text both sides kept, and the changes
/// between them. Annotations ride on it from one revision of a body to the next, so a
/// changed diacritic or an inserted sentence moves nothing it should not.
///
/// Offsets count Unicode scalars. Texts are taken as given: normalize them to NFC
/// first when their offsets must be NFC offsets.
public struct WordAlignment: Sendable {
    /// One run of the alignment: text kept on both sides, or a change replacing old
    /// text by new (either side possibly empty). Runs tile both texts in order, and
    /// equal runs and changes alternate.
    public struct Piece: Hashable, Sendable {
        public var old: Range<Int>
        public var new: Range<Int>
        public var isEqual: Bool
    }

    public let old: ScalarText
    public let new: ScalarText
    public let pieces: [Piece]

    public init(from old: String, to new: String) {
        let before = WordTokens.of(old)
        let after = WordTokens.of(new)
        let oldOffsets = Self.scalarOffsets(before)
        let newOffsets = Self.scalarOffsets(after)
        var pieces: [Piece] = []
        var i = 0
        var j = 0
        for (matchedOld, matchedNew) in WordDiff.matches(before, after) + [(before.count, after.count)] {
            if i < matchedOld || j < matchedNew {
                pieces.append(Piece(
                    old: oldOffsets[i]..<oldOffsets[matchedOld], new: newOffsets[j]..<newOffsets[matchedNew],
                    isEqual: false))
            }
            if matchedOld < before.count {
                let kept = Piece(
                    old: oldOffsets[matchedOld]..<oldOffsets[matchedOld + 1],
                    new: newOffsets[matchedNew]..<newOffsets[matchedNew + 1], isEqual: true)
                if let last = pieces.last, last.isEqual {
                    pieces[pieces.count - 1].old = last.old.lowerBound..<kept.old.upperBound
                    pieces[pieces.count - 1].new = last.new.lowerBound..<kept.new.upperBound
                } else {
                    pieces.append(kept)
                }
            }
            i = matchedOld + 1
            j = matchedNew + 1
        }
        self.old = ScalarText(old)
        self.new = ScalarText(new)
        self.pieces = pieces
    }

    /// Whether the two texts are the same scalars.
    public var isIdentity: Bool { pieces.allSatisfy(\.isEqual) }

    /// Where `range` of the old text lies in the new one. The start sticks to the text
    /// after it and the end to the text before it, so text inserted at either edge stays
    /// outside; both ends land on grapheme boundaries of the new text.
    public func newRange(for range: Range<Int>) -> Range<Int> {
        map(range, forward)
    }

    /// Where `range` of the new text came from in the old one (the inverse of `newRange`).
    public func oldRange(for range: Range<Int>) -> Range<Int> {
        map(range, backward)
    }

    /// The widest place of the new text `range` of the old one may have gone: from the
    /// kept text before it to the kept text after it, text inserted at either edge
    /// included. A word diff may align repeated words either way; the annotated words
    /// are somewhere in there.
    public func newSurroundings(of range: Range<Int>) -> Range<Int> {
        let lower = position(of: range.lowerBound, stickingTo: .before, forward)
        let upper = position(of: range.upperBound, stickingTo: .after, forward)
        return lower..<max(lower, upper)
    }

    /// The pieces whose old text overlaps `range`.
    public func pieces(overlappingOld range: Range<Int>) -> ArraySlice<Piece> {
        let first = firstPiece { $0.old.upperBound > range.lowerBound }
        var last = first
        while last < pieces.count, pieces[last].old.lowerBound < range.upperBound { last += 1 }
        return pieces[first..<last]
    }

    private enum Side { case before, after }

    /// Which way a mapping goes: from one text's offsets to the other's.
    private struct Direction {
        var source: KeyPath<Piece, Range<Int>>
        var destination: KeyPath<Piece, Range<Int>>
        var sourceText: ScalarText
        var targetText: ScalarText
    }

    private var forward: Direction { Direction(source: \.old, destination: \.new, sourceText: old, targetText: new) }
    private var backward: Direction { Direction(source: \.new, destination: \.old, sourceText: new, targetText: old) }

    private func map(_ range: Range<Int>, _ direction: Direction) -> Range<Int> {
        let lower = position(of: range.lowerBound, stickingTo: .after, direction)
        let upper = position(of: range.upperBound, stickingTo: .before, direction)
        return lower..<max(lower, upper)
    }

    /// The target offset of source offset `offset`, sticking to the text on `side` of it
    /// where an insertion makes that ambiguous; snapped to a grapheme boundary away from
    /// that text.
    private func position(of offset: Int, stickingTo side: Side, _ direction: Direction) -> Int {
        if side == .before, offset == 0 { return 0 }
        let target = direction.targetText
        // The piece holding the text on `side` of the offset: for the text before it, the
        // first piece reaching the offset, never empty on the source side past offset 0.
        let index = side == .after
            ? firstPiece { $0[keyPath: direction.source].upperBound > offset }
            : firstPiece { $0[keyPath: direction.source].upperBound >= offset }
        guard index < pieces.count else { return target.count }
        let piece = pieces[index]
        let from = piece[keyPath: direction.source]
        let to = piece[keyPath: direction.destination]
        let mapped = if offset == from.lowerBound {
            to.lowerBound
        } else if offset == from.upperBound {
            to.upperBound
        } else if piece.isEqual {
            to.lowerBound + (offset - from.lowerBound)
        } else {
            insideChange(offset, stickingTo: side, from: from, to: to, direction)
        }
        return side == .after ? target.boundary(atOrBefore: mapped) : target.boundary(atOrAfter: mapped)
    }

    /// An offset strictly inside a change: kept with the scalars the two sides share at
    /// the change's start or end ("nước" → "nược" keeps "nư" and "c"), by preference the
    /// side the offset sticks to; else placed in proportion within the changed middle.
    private func insideChange(
        _ offset: Int, stickingTo side: Side, from: Range<Int>, to: Range<Int>, _ direction: Direction
    ) -> Int {
        let a = direction.sourceText.scalars[from]
        let b = direction.targetText.scalars[to]
        let byHead = offset - from.lowerBound <= zip(a, b).prefix { $0 == $1 }.count
            ? to.lowerBound + (offset - from.lowerBound) : nil
        let byTail = from.upperBound - offset <= zip(a.reversed(), b.reversed()).prefix { $0 == $1 }.count
            ? to.upperBound - (from.upperBound - offset) : nil
        if let kept = side == .after ? byTail ?? byHead : byHead ?? byTail { return kept }
        let (head, tail) = ScalarEditDistance.sharedEnds(a, b)
        let changedFrom = a.count - head - tail
        let changedTo = b.count - head - tail
        return to.lowerBound + head + (offset - from.lowerBound - head) * changedTo / changedFrom
    }

    /// The index of the first piece satisfying `isAtOrAfter`, which must be false then
    /// true along the pieces (binary search).
    private func firstPiece(where isAtOrAfter: (Piece) -> Bool) -> Int {
        var low = 0
        var high = pieces.count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrAfter(pieces[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private static func scalarOffsets(_ tokens: [Substring]) -> [Int] {
        var offsets = [0]
        offsets.reserveCapacity(tokens.count + 1)
        for token in tokens { offsets.append(offsets[offsets.count - 1] + token.unicodeScalars.count) }
        return offsets
    }
}
