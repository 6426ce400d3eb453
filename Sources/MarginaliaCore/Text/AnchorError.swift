/// Why an anchor could not be made from what was asked.
public enum AnchorError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyQuote
    case quoteNotFound(String)
    case quoteAmbiguous(String, count: Int)
    case occurrenceOutOfRange(String, occurrence: Int, count: Int)
    case emptyRange(start: Int, end: Int)
    case rangeOutOfBounds(start: Int, end: Int, length: Int)
    case rangeSplitsCharacter(offset: Int)

    public var description: String {
        switch self {
        case .emptyQuote:
            "the quote is empty"
        case .quoteNotFound(let quote):
            "quote \"\(quote)\" does not occur in the body"
        case .quoteAmbiguous(let quote, let count):
            "quote \"\(quote)\" occurs \(count) times; choose one with --occurrence 1...\(count)"
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
}
