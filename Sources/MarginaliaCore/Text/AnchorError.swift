/// Why an anchor could not be made from what was asked.
public enum AnchorError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyQuote
    /// With the places a few edits away, to suggest.
    case quoteNotFound(String, nearMatches: [QuoteExcerpt])
    /// With every place it occurs; `folded` when they were found only by folding.
    case quoteAmbiguous(String, occurrences: [QuoteExcerpt], folded: Bool)
    case occurrenceOutOfRange(String, occurrence: Int, count: Int)
    case emptyRange(start: Int, end: Int)
    case rangeOutOfBounds(start: Int, end: Int, length: Int)
    case rangeSplitsCharacter(offset: Int)

    public var description: String {
        switch self {
        case .emptyQuote:
            "the quote is empty"
        case .quoteNotFound(let quote, _):
            "quote \"\(quote)\" does not occur in the body, even ignoring case and diacritics"
        case .quoteAmbiguous(let quote, let occurrences, let folded):
            "quote \"\(quote)\" occurs \(occurrences.count) times\(folded ? " (ignoring case and diacritics)" : ""); "
                + "choose one with --occurrence 1...\(occurrences.count)"
        case .occurrenceOutOfRange(let quote, let occurrence, let count):
            "occurrence \(occurrence) of \"\(quote)\" does not exist; it occurs \(count) time\(count == 1 ? "" : "s")"
        case .emptyRange(let start, let end):
            "range \(start)-\(end) is empty; the end must be greater than the start"
        case .rangeOutOfBounds(let start, let end, let length):
            "range \(start)-\(end) is outside the body, which has \(length) characters (Unicode scalars)"
        case .rangeSplitsCharacter(let offset):
            "offset \(offset) falls inside a character; offsets must lie between characters"
        }
    }

    /// The lines that follow the error's own: each place an ambiguous quote occurs with
    /// the `--occurrence` that picks it, or the near matches of one that does not occur.
    public var details: [String] {
        switch self {
        case .quoteNotFound(_, let nearMatches): QuoteExcerpt.suggestions(nearMatches)
        case .quoteAmbiguous(_, let occurrences, _): QuoteExcerpt.choices(occurrences)
        default: []
        }
    }
}
