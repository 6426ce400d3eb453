/// Where an annotation points in its article's body, with enough context to find
/// the words again after the body changes.
///
/// Offsets count Unicode scalars of the NFC body (the unit of the W3C
/// TextPositionSelector), and both ends lie on grapheme-cluster boundaries.
/// `revision` is the dot of the body value the anchor was made against; it is nil
/// for annotations imported from elsewhere, whose revision is unknown.
public struct Anchor: Hashable, Sendable, Codable {
    /// The most context kept on each side of the quote, in scalars.
    public static let contextLength = 32

    public var start: Int
    public var end: Int
    public var quote: String
    public var prefix: String
    public var suffix: String
    public var revision: Dot?

    public init(start: Int, end: Int, quote: String, prefix: String, suffix: String, revision: Dot?) {
        self.start = start
        self.end = end
        self.quote = quote
        self.prefix = prefix
        self.suffix = suffix
        self.revision = revision
    }

    /// The number of scalars the anchor spans.
    public var length: Int { end - start }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case start, end, quote, prefix, suffix, revision
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            start: try container.decode(Int.self, forKey: .start), end: try container.decode(Int.self, forKey: .end),
            quote: try container.decode(String.self, forKey: .quote),
            prefix: try container.decode(String.self, forKey: .prefix),
            suffix: try container.decode(String.self, forKey: .suffix),
            revision: try container.decodeIfPresent(Dot.self, forKey: .revision))
    }
}
