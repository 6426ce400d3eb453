/// Where a quote a person typed occurs in a body, forgiving the way people type:
/// exactly as typed first, else as `FoldedText` compares (case, diacritics, `đ`, dashes,
/// quotation marks, white space); and, when it occurs neither way, the nearest places
/// to suggest. Every place found is a span of the body on character boundaries, so
/// what is stored is the article's own text.
public struct QuoteLookup: Sendable {
    /// The most near matches a refusal suggests.
    static let nearMatchLimit = 3

    /// The places a quote occurs, and whether they were found only by folding.
    public struct Occurrences: Equatable, Sendable {
        public var ranges: [Range<Int>]
        public var folded: Bool
    }

    public let body: ScalarText

    public init(body: ScalarText) {
        self.body = body
    }

    /// Where the NFC `quote` occurs as typed, else where it occurs folded; overlapping
    /// places are all reported, in order.
    public func occurrences(of quote: String) -> Occurrences {
        let exact = body.occurrences(of: Array(quote.unicodeScalars))
        guard exact.isEmpty else { return Occurrences(ranges: exact, folded: false) }
        // Folding the body costs a pass over it: only for a quote not found as typed.
        let ranges = FoldedText(body.scalars).occurrences(of: FoldedText(quote.unicodeScalars).scalars)
            .filter(isOnBoundaries)
        return Occurrences(ranges: ranges, folded: true)
    }

    /// Up to three places whose folded text is a few edits from the folded `quote` (a
    /// quarter of its length, at least one), widened to whole words, fewest edits first.
    public func nearMatches(of quote: String) -> [Range<Int>] {
        let folded = FoldedText(body.scalars)
        let pattern = FoldedText(quote.unicodeScalars).scalars
        let budget = max(1, pattern.count / 4)
        let matches = ApproximateSearch.matches(of: pattern, in: folded.scalars, maxErrors: budget)
            .sorted { ($0.errors, $0.range.lowerBound) < ($1.errors, $1.range.lowerBound) }
        var found: [Range<Int>] = []
        for match in matches where found.count < Self.nearMatchLimit {
            let range = wholeWords(folded.originalRange(of: match.range))
            if !found.contains(where: { $0.overlaps(range) }) { found.append(range) }
        }
        return found
    }

    /// `range` of the body in its context, for a person to choose by.
    public func excerpt(_ range: Range<Int>) -> QuoteExcerpt {
        QuoteExcerpt(range, in: body)
    }

    private func isOnBoundaries(_ range: Range<Int>) -> Bool {
        body.isGraphemeBoundary(range.lowerBound) && body.isGraphemeBoundary(range.upperBound)
    }

    /// `range` grown to the start and end of the words it cuts into.
    private func wholeWords(_ range: Range<Int>) -> Range<Int> {
        let inWord = { (scalar: Unicode.Scalar) in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
        }
        var start = range.lowerBound
        while start > 0, inWord(body.scalars[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < body.count, inWord(body.scalars[end]) { end += 1 }
        return body.boundary(atOrBefore: start)..<body.boundary(atOrAfter: end)
    }
}
