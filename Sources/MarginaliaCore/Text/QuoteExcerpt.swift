/// A place in a body shown to a person choosing among places: its offsets, its words
/// and a few words either side, on one line. Refusals of a quote list these (each
/// occurrence of an ambiguous quote, the near matches of one that does not occur), so
/// the person can tell the places apart and type the right one.
public struct QuoteExcerpt: Equatable, Sendable {
    /// How many words of context each side, at most.
    static let contextWords = 4
    /// How many scalars of context each side, at most (for text without spaces).
    static let contextScalars = 40

    public var range: Range<Int>
    /// The words of the place, white space shown as single spaces.
    public var quote: String
    /// The context before and after, white space shown as single spaces, with "…" where
    /// the body goes on.
    public var before: String
    public var after: String

    public init(range: Range<Int>, quote: String, before: String, after: String) {
        self.range = range
        self.quote = quote
        self.before = before
        self.after = after
    }

    /// The place at `range` of `body`, which must lie on grapheme boundaries.
    public init(_ range: Range<Int>, in body: ScalarText) {
        var start = range.lowerBound
        var words = 0
        while start > 0, range.lowerBound - start < Self.contextScalars {
            let isSpace = body.scalars[start - 1].properties.isWhitespace
            if isSpace, start < range.lowerBound, !body.scalars[start].properties.isWhitespace {
                words += 1
                if words == Self.contextWords { break }
            }
            start -= 1
        }
        var end = range.upperBound
        words = 0
        while end < body.count, end - range.upperBound < Self.contextScalars {
            let isSpace = body.scalars[end].properties.isWhitespace
            if isSpace, end > range.upperBound, !body.scalars[end - 1].properties.isWhitespace {
                words += 1
                if words == Self.contextWords { break }
            }
            end += 1
        }
        start = body.boundary(atOrBefore: start)
        end = body.boundary(atOrAfter: end)
        self.init(
            range: range, quote: Self.oneLine(body.text(range)),
            before: (start > 0 ? "…" : "") + Self.oneLine(body.text(start..<range.lowerBound)),
            after: Self.oneLine(body.text(range.upperBound..<end)) + (end < body.count ? "…" : ""))
    }

    /// `label`, the offsets, and the place in its context with its own words in brackets:
    /// `--occurrence 2  59-67  …ngập sâu. [Mực nước] sông Tô Lịch…`.
    func line(_ label: String) -> String {
        "\(label)  \(range.lowerBound)-\(range.upperBound)  \(before)[\(quote)]\(after)"
    }

    /// The lines listing the places an ambiguous quote occurs, each with the
    /// `--occurrence` that picks it.
    public static func choices(_ occurrences: [QuoteExcerpt]) -> [String] {
        occurrences.enumerated().map { $1.line("--occurrence \($0 + 1)") }
    }

    /// The lines suggesting the near matches of a quote that does not occur.
    public static func suggestions(_ nearMatches: [QuoteExcerpt]) -> [String] {
        nearMatches.map { $0.line("did you mean “\($0.quote)”?") }
    }

    /// `text` with each run of white space (line breaks included) as one space.
    private static func oneLine(_ text: String) -> String {
        var line = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if line.last != " " { line.append(" ") }
            } else {
                line.append(scalar)
            }
        }
        return String(line)
    }
}
