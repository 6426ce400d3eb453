/// One annotation of a Hypothesis export (the JSON of its API and of the export the
/// Hypothesis client saves): `uri`, `text` (the note), `tags`, and `target` selectors
/// whose TextPositionSelector counts UTF-16 code units, as JavaScript does. Other
/// members (user, group, permissions, document, RangeSelector) are ignored.
struct HypothesisAnnotation: Decodable, Sendable {
    var id: String
    var uri: String?
    var text: String?
    var tags: [String]?
    var target: [HypothesisTarget]?

    struct HypothesisTarget: Decodable, Sendable {
        var source: OneOrMany<String>?
        var selector: [W3CSelector]?
    }

    /// The annotation as an import, or nil for a page note or a reply: neither quotes
    /// any text to place.
    func interchange() -> InterchangeAnnotation? {
        guard let selectors = target?.lazy.compactMap(\.selector).first(where: { $0.first("TextQuoteSelector") != nil }),
              let quote = selectors.first("TextQuoteSelector"), let exact = quote.exact
        else { return nil }
        let sources = (target?.flatMap { $0.source?.values ?? [] } ?? []) + [uri].compactMap { $0 }
        var uniqueSources: [String] = []
        for source in sources where !uniqueSources.contains(source) { uniqueSources.append(source) }
        return InterchangeAnnotation(
            name: "hypothesis:" + id, articleID: nil, sourceURLs: uniqueSources, quote: exact,
            prefix: quote.prefix ?? "", suffix: quote.suffix ?? "",
            position: selectors.first("TextPositionSelector")?.range.map { .utf16($0) },
            note: text ?? "", tags: (tags ?? []).map(Self.tagName).filter { !$0.isEmpty })
    }

    /// Hypothesis tags may hold spaces ("climate change"); Marginalia tags are single
    /// words, so each run of white space or commas becomes one '-'.
    static func tagName(_ tag: String) -> String {
        tag.split(whereSeparator: { $0.isWhitespace || $0 == "," }).joined(separator: "-")
    }
}
