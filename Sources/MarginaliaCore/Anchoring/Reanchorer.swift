/// Re-anchoring: where an annotation's words are in the current body of its article.
///
/// A pure function of the anchor, the body revision it was made against (from the log;
/// unknown for an imported annotation) and the current body, so every replica computes
/// the same placement without syncing anything derived. In order:
/// 1. the body is unchanged since anchoring: the stored offsets, `exact`;
/// 2. the range carried through a word diff from the anchored revision to the current
///    body (`WordAlignment`): `moved` when it holds the quote (`exact` when edits after
///    it left its offsets as they were), `fuzzy` when the annotated words survived
///    with small edits (a letter, a tone mark, a dash, a space; a word inserted inside
///    joins the span), so the annotated text wins over any look-alike elsewhere,
///    unless the quote with its prefix and suffix matches better somewhere else (the
///    diff paired the words with a look-alike in a moved paragraph);
/// 3. the annotated words are gone or the revision is unknown: the exact quote,
///    searched and ranked by context (`QuoteSearch`); found at the stored offsets, it
///    is `exact`;
/// 4. the quote with errors, `fuzzy` or `review` by score;
/// 5. else `orphaned`.
/// A search never settles on another instance of the words: a place the diff traces
/// back to a look-alike elsewhere in the anchored revision. Text new since then (a
/// paragraph moved by cut and paste) is fair game.
///
/// However many edits lie between the anchored revision and the current body (the
/// diff spans them all at once), a placement is never longer or shorter than its quote
/// by more than a quarter of it (at least 4 scalars), nor crosses more paragraph
/// breaks than the quote (`QuoteSearch.isPlausible`); when no place passes, the
/// annotation is `orphaned` rather than put on text that is no longer its words.
///
/// Everything compares Unicode scalars of NFC text, never `String` equality, which
/// ignores normalization; NFD input is normalized on the way in. One `Reanchorer`
/// serves every annotation anchored against the same revision: the diff is computed
/// once, and each placement then costs a binary search when its words are intact.
public struct Reanchorer: Sendable {
    /// The most scalars compared pairwise to judge one change inside an annotated span;
    /// a larger rewrite is no small edit and goes to the search.
    static let largestComparedChange = 1 << 20

    private let body: ScalarText
    /// From the anchored revision to the current body; nil when the revision is unknown.
    private let alignment: WordAlignment?
    private let isUnchanged: Bool

    /// `anchoredBody` is the body the anchors were made against, nil when unknown.
    public init(anchoredBody: String?, currentBody: String) {
        let current = TextNormalization.nfc(currentBody)
        if let anchoredBody {
            let alignment = WordAlignment(from: TextNormalization.nfc(anchoredBody), to: current)
            self.alignment = alignment
            body = alignment.new
            isUnchanged = alignment.isIdentity
        } else {
            alignment = nil
            body = ScalarText(current)
            isUnchanged = false
        }
    }

    /// Places one anchor; see the type's documentation.
    public static func place(_ anchor: Anchor, anchoredBody: String?, currentBody: String) -> AnchorPlacement {
        Reanchorer(anchoredBody: anchoredBody, currentBody: currentBody).place(anchor)
    }

    /// Where `anchor`, made against the anchored body, lies in the current body.
    public func place(_ anchor: Anchor) -> AnchorPlacement {
        let quote = Self.scalars(anchor.quote)
        guard !quote.isEmpty, anchor.start >= 0, anchor.end >= anchor.start else { return .orphaned }
        let stored = anchor.start..<anchor.end
        // An anchor that does not match its own revision cannot be traced: search for it.
        guard let alignment, alignment.old.holds(quote, at: stored) else {
            let search = quoteSearch(anchor, quote: quote, hint: anchor.start, isAnotherInstance: { _ in false })
            return place(by: search, stored: stored)
        }
        if isUnchanged { return AnchorPlacement(range: stored, status: .exact) }
        return follow(anchor, quote: quote, stored: stored, through: alignment)
    }

    /// Step 2, then the search of steps 3 to 5 with look-alikes rejected.
    private func follow(
        _ anchor: Anchor, quote: [Unicode.Scalar], stored: Range<Int>, through alignment: WordAlignment
    ) -> AnchorPlacement {
        let mapped = alignment.newRange(for: stored)
        if body.holds(quote, at: mapped) { return AnchorPlacement(range: mapped, status: mapped == stored ? .exact : .moved) }
        if let copy = nearestCopy(of: quote, in: alignment.newSurroundings(of: stored), to: mapped.lowerBound) {
            return AnchorPlacement(range: copy, status: .moved)
        }
        let search = quoteSearch(anchor, quote: quote, hint: mapped.lowerBound) { candidate in
            Self.isLookAlike(candidate, of: quote, elsewhereThan: stored, alignment)
        }
        if survivesWithSmallEdits(stored, at: mapped, quoteLength: quote.count, alignment),
           QuoteSearch.isPlausible(body.scalars[mapped], for: quote) {
            return search.confirm(mapped)
        }
        return place(by: search, stored: stored)
    }

    /// Whether `candidate` traces back through the diff to text the anchored revision
    /// already had, close to the quote, away from the annotated place: another instance
    /// of the words. Text new since then, or the annotated place itself, is not.
    private static func isLookAlike(
        _ candidate: Range<Int>, of quote: [Unicode.Scalar], elsewhereThan stored: Range<Int>, _ alignment: WordAlignment
    ) -> Bool {
        let origin = alignment.oldRange(for: candidate)
        guard origin.upperBound <= stored.lowerBound || origin.lowerBound >= stored.upperBound else { return false }
        let text = alignment.old.scalars[origin]
        let budget = QuoteSearch.errorBudget(quoteLength: quote.count)
        return abs(text.count - quote.count) <= budget && ScalarEditDistance.levenshtein(text, quote[...]) <= budget
    }

    /// An exact copy of the quote where the diff put the annotated words (it may align
    /// repeated words either way), nearest the mapped start; ties go to the lowest offset.
    /// The copy may reach past the surroundings by spaces and punctuation only: a diff
    /// deleting "x " before " quote" may as well have deleted " x", taking the space
    /// the quote starts with.
    private func nearestCopy(of quote: [Unicode.Scalar], in surroundings: Range<Int>, to start: Int) -> Range<Int>? {
        let reach = (surroundings.lowerBound - quote.count)..<(surroundings.upperBound + quote.count)
        return body.occurrences(of: quote, in: reach).filter { copy in
            copy.lowerBound <= surroundings.upperBound && copy.upperBound >= surroundings.lowerBound
                && body.scalars[copy.lowerBound..<max(copy.lowerBound, surroundings.lowerBound)].allSatisfy(Self.isSeparator)
                && body.scalars[min(copy.upperBound, surroundings.upperBound)..<copy.upperBound].allSatisfy(Self.isSeparator)
        }.min {
            (abs($0.lowerBound - start), $0.lowerBound) < (abs($1.lowerBound - start), $1.lowerBound)
        }
    }

    /// Whitespace or punctuation: what a word diff may attribute to either side of a change.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .connectorPunctuation, .dashPunctuation,
             .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }

    /// Whether the annotated words survived the diff with small edits only: every
    /// change inside the span loses at most a quarter of its scalars (at least one),
    /// and more than half of the quote is left. Inserted text costs nothing.
    private func survivesWithSmallEdits(
        _ stored: Range<Int>, at mapped: Range<Int>, quoteLength: Int, _ alignment: WordAlignment
    ) -> Bool {
        guard !mapped.isEmpty else { return false }
        var lost = 0
        for piece in alignment.pieces(overlappingOld: stored) where !piece.isEqual {
            let old = piece.old.clamped(to: stored)
            let new = piece.new.clamped(to: mapped)
            guard old.count * new.count <= Self.largestComparedChange else { return false }
            let kept = ScalarEditDistance.commonSubsequenceLength(alignment.old.scalars[old], body.scalars[new])
            guard old.count - kept <= max(1, old.count / 4) else { return false }
            lost += old.count - kept
        }
        return 2 * lost < quoteLength
    }

    private func quoteSearch(
        _ anchor: Anchor, quote: [Unicode.Scalar], hint: Int, isAnotherInstance: @escaping (Range<Int>) -> Bool
    ) -> QuoteSearch {
        QuoteSearch(
            body: body, quote: quote, prefix: Self.scalars(anchor.prefix), suffix: Self.scalars(anchor.suffix),
            hint: hint, isAnotherInstance: isAnotherInstance)
    }

    /// Steps 3 to 5.
    private func place(by search: QuoteSearch, stored: Range<Int>) -> AnchorPlacement {
        if let range = search.exactMatch() { return AnchorPlacement(range: range, status: range == stored ? .exact : .moved) }
        return search.approximateMatch() ?? .orphaned
    }

    private static func scalars(_ text: String) -> [Unicode.Scalar] {
        Array(TextNormalization.nfc(text).unicodeScalars)
    }
}
