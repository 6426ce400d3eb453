import MarginaliaCore

/// One article found by `search`: the article's own matching passage when its title or
/// body matched, and the notes of its annotations that matched, best first.
public struct SearchResult: Hashable, Sendable {
    /// A matching note of one of the article's annotations.
    public struct Note: Hashable, Sendable {
        public var id: EntityID
        /// The matching passage of the note, matched words between the highlight marks.
        public var snippet: String
        /// FTS5's bm25 rank: lower is better.
        public var rank: Double
    }

    public var article: EntityID
    public var title: String
    /// The best passage of the title or body, matched words between the highlight marks;
    /// nil when only notes matched.
    public var snippet: String?
    /// The best rank of the article and its notes (bm25: lower is better), which orders results.
    public var rank: Double
    public var notes: [Note]
}
