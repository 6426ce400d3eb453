/// Steps 3 and 4 of re-anchoring: looking for the quote across the whole body when the
/// diff cannot say where the annotated words went (they were deleted, or the revision
/// they were anchored against is unknown), and checking a place the diff traced them to
/// with small edits against the best place the search finds.
///
/// Candidates are ranked as Hypothesis ranks them, by how well the quote, the prefix
/// and the suffix match and how near the candidate is to where the words were
/// expected (weights 50, 20, 20 and 2); equal scores go to the lowest offset, so every
/// replica picks the same one. Only plausible places are candidates (`isPlausible`).
struct QuoteSearch {
    static let quoteWeight = 50.0
    static let prefixWeight = 20.0
    static let suffixWeight = 20.0
    static let positionWeight = 2.0
    /// A quote shorter than this (in scalars) is too common to trust without context.
    static let shortQuoteLength = 8
    /// The mean prefix and suffix similarity a short quote's context must reach.
    static let shortQuoteContextSimilarity = 0.6
    /// The score (out of 1) from which an approximate match is taken as `fuzzy`;
    /// below it the match needs a reader's `review`.
    static let fuzzyScore = 0.75

    let body: ScalarText
    let quote: [Unicode.Scalar]
    let prefix: [Unicode.Scalar]
    let suffix: [Unicode.Scalar]
    /// Where the words were expected: the old start, carried through the diff when known.
    let hint: Int
    /// Whether a place of the body is another instance of the words, not the annotated one.
    let isAnotherInstance: (Range<Int>) -> Bool

    /// The most scalars an approximate match may get wrong: a quarter of the quote.
    static func errorBudget(quoteLength: Int) -> Int { quoteLength / 4 }

    /// The most scalars a placement may be longer or shorter than its quote: a quarter
    /// of the quote, at least one short word. A word diff lets text inserted inside a
    /// span join it; after several edits that can be a whole paragraph, which is no
    /// longer the annotated words.
    static func lengthTolerance(quoteLength: Int) -> Int { max(4, quoteLength / 4) }

    /// Whether `text` can stand for the quote at all, however well it matches: about as
    /// long (`lengthTolerance`), and across no more paragraph breaks than the quote, so
    /// a highlight never spreads from one paragraph into the next.
    static func isPlausible(_ text: ArraySlice<Unicode.Scalar>, for quote: [Unicode.Scalar]) -> Bool {
        abs(text.count - quote.count) <= lengthTolerance(quoteLength: quote.count)
            && paragraphBreaks(in: text) <= paragraphBreaks(in: quote[...])
    }

    /// Runs of white space holding a line break.
    private static func paragraphBreaks(in text: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0
        var inBreak = false
        for scalar in text {
            if !scalar.properties.isWhitespace {
                inBreak = false
            } else if !inBreak, isLineBreak(scalar) {
                count += 1
                inBreak = true
            }
        }
        return count
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    /// Step 3: the best place the quote occurs exactly.
    func exactMatch() -> Range<Int>? {
        best(of: exactCandidates())?.range
    }

    /// Step 4: the best place the quote occurs within the error budget, `fuzzy` when it
    /// scores high and `review` otherwise.
    func approximateMatch() -> AnchorPlacement? {
        best(of: approximateCandidates()).map(approximatePlacement)
    }

    /// Step 2's check of `traced`, where the diff carried the annotated words with small
    /// edits: kept (`fuzzy`) unless the quote, exactly or within the error budget,
    /// matches better somewhere else with its context. The diff can pair the words with
    /// a look-alike in a paragraph moved since (after `replace` changed a letter in
    /// them, say); the stored prefix and suffix tell the two apart.
    func confirm(_ traced: Range<Int>) -> AnchorPlacement {
        let kept = AnchorPlacement(range: traced, status: .fuzzy)
        guard quote.count * traced.count <= Reanchorer.largestComparedChange else { return kept }
        let errors = ScalarEditDistance.levenshtein(body.scalars[traced], quote[...])
        let own = scored(Candidate(range: traced, errors: min(errors, quote.count)))
        let rivals = (exactCandidates() + approximateCandidates()).filter { !$0.range.overlaps(traced) }
        guard let rival = best(of: rivals), rival.score > own.score else { return kept }
        return rival.errors == 0 ? AnchorPlacement(range: rival.range, status: .moved) : approximatePlacement(rival)
    }

    private func exactCandidates() -> [Candidate] {
        body.occurrences(of: quote).map { Candidate(range: $0, errors: 0) }
    }

    private func approximateCandidates() -> [Candidate] {
        let budget = Self.errorBudget(quoteLength: quote.count)
        guard budget > 0 else { return [] }
        return ApproximateSearch.matches(of: quote, in: body.scalars, maxErrors: budget).compactMap {
            match -> Candidate? in
            guard body.isGraphemeBoundary(match.range.upperBound) else { return nil }
            let start = body.boundary(atOrBefore: match.range.lowerBound)
            let range = start..<match.range.upperBound
            return !range.isEmpty && Self.isPlausible(body.scalars[range], for: quote)
                ? Candidate(range: range, errors: match.errors) : nil
        }
    }

    private func approximatePlacement(_ found: Candidate) -> AnchorPlacement {
        AnchorPlacement(range: found.range, status: found.score >= Self.fuzzyScore ? .fuzzy : .review)
    }

    private struct Candidate {
        var range: Range<Int>
        var errors: Int
        var score = 0.0
        var contextSimilarity = 0.0
    }

    /// The highest-scoring candidate that is not another instance of the words and,
    /// for a short quote, has matching context.
    private func best(of candidates: [Candidate]) -> Candidate? {
        let ranked = candidates.map(scored).sorted {
            $0.score != $1.score ? $0.score > $1.score : $0.range.lowerBound < $1.range.lowerBound
        }
        return ranked.first { candidate in
            (quote.count >= Self.shortQuoteLength || candidate.contextSimilarity >= Self.shortQuoteContextSimilarity)
                && !isAnotherInstance(candidate.range)
        }
    }

    private func scored(_ candidate: Candidate) -> Candidate {
        let start = candidate.range.lowerBound
        let end = candidate.range.upperBound
        let prefixWindow = body.scalars[max(0, start - prefix.count)..<start]
        let suffixWindow = body.scalars[end..<min(body.count, end + suffix.count)]
        let prefixScore = Self.similarity(prefixWindow, prefix[...])
        let suffixScore = Self.similarity(suffixWindow, suffix[...])
        let quoteScore = 1 - Double(candidate.errors) / Double(quote.count)
        let positionScore = 1 - Double(abs(start - hint)) / Double(max(1, body.count))
        let total = Self.quoteWeight * quoteScore + Self.prefixWeight * prefixScore
            + Self.suffixWeight * suffixScore + Self.positionWeight * positionScore
        var result = candidate
        result.score = total / (Self.quoteWeight + Self.prefixWeight + Self.suffixWeight + Self.positionWeight)
        result.contextSimilarity = (prefixScore + suffixScore) / 2
        return result
    }

    /// 1 for equal runs, falling to 0 as edits approach the longer one's length.
    private static func similarity(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> Double {
        let longest = max(a.count, b.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(ScalarEditDistance.levenshtein(a, b)) / Double(longest)
    }
}
