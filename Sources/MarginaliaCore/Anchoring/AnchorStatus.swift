/// How sure re-anchoring is that an annotation still points at its words, so a reader
/// can be shown the doubtful ones rather than silently given wrong ones.
public enum AnchorStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// The stored offsets still hold the quote: nothing moved.
    case exact
    /// The quote, unchanged, at a new place.
    case moved
    /// The annotated words with small edits, or a close match with matching context.
    case fuzzy
    /// A doubtful match a reader should confirm.
    case review
    /// The words are gone. Kept, never dropped, for the reader to re-anchor by hand.
    case orphaned

    /// Whether a reader has to look: the words are gone, or may be the wrong ones.
    public var isDoubtful: Bool { self == .review || self == .orphaned }
}
