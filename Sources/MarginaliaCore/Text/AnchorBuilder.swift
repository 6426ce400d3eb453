/// Makes anchors against a body, from a quote or from scalar offsets.
public struct AnchorBuilder: Sendable {
    public let body: ScalarText
    public let revision: Dot?

    /// `body` must be NFC (as every stored body is); `revision` is the dot of that body value.
    public init(body: String, revision: Dot?) {
        self.body = ScalarText(body)
        self.revision = revision
    }

    /// Anchors the `occurrence`-th (1-based) place `quote` occurs; without an
    /// occurrence the quote must occur exactly once. A quote that does not occur as
    /// typed is looked for folded (`QuoteLookup`); the anchor is always made of the
    /// body's own text.
    public func anchor(quote: String, occurrence: Int? = nil) throws(AnchorError) -> Anchor {
        let normalized = TextNormalization.nfc(quote)
        guard !normalized.isEmpty else { throw .emptyQuote }
        let lookup = QuoteLookup(body: body)
        let found = lookup.occurrences(of: normalized)
        guard !found.ranges.isEmpty else {
            throw .quoteNotFound(normalized, nearMatches: lookup.nearMatches(of: normalized).map(lookup.excerpt))
        }
        let range: Range<Int>
        if let occurrence {
            guard (1...found.ranges.count).contains(occurrence) else {
                throw .occurrenceOutOfRange(normalized, occurrence: occurrence, count: found.ranges.count)
            }
            range = found.ranges[occurrence - 1]
        } else {
            guard found.ranges.count == 1 else {
                throw .quoteAmbiguous(normalized, occurrences: found.ranges.map(lookup.excerpt), folded: found.folded)
            }
            range = found.ranges[0]
        }
        return makeAnchor(range)
    }

    /// Anchors the scalar range `start..<end`, which must be non-empty, inside the
    /// body and on character boundaries.
    public func anchor(start: Int, end: Int) throws(AnchorError) -> Anchor {
        guard end > start else { throw .emptyRange(start: start, end: end) }
        guard start >= 0, end <= body.count else {
            throw .rangeOutOfBounds(start: start, end: end, length: body.count)
        }
        for offset in [start, end] where !body.isGraphemeBoundary(offset) {
            throw .rangeSplitsCharacter(offset: offset)
        }
        return makeAnchor(start..<end)
    }

    private func makeAnchor(_ range: Range<Int>) -> Anchor {
        let before = max(0, range.lowerBound - Anchor.contextLength)
        let after = min(body.count, range.upperBound + Anchor.contextLength)
        return Anchor(
            start: range.lowerBound, end: range.upperBound,
            quote: body.text(range),
            prefix: body.text(before..<range.lowerBound),
            suffix: body.text(range.upperBound..<after),
            revision: revision)
    }
}
