/// An annotation read from a W3C or Hypothesis file, before it is placed in an article:
/// what every import format comes down to.
public struct InterchangeAnnotation: Hashable, Sendable {
    /// Where the file says a position is, and in which unit.
    public enum Position: Hashable, Sendable {
        /// Unicode scalars of the NFC text (W3C TextPositionSelector, Marginalia's unit).
        case scalars(Range<Int>)
        /// UTF-16 code units (Hypothesis, which counts as JavaScript strings do).
        case utf16(Range<Int>)
    }

    /// How the annotation names itself in the file (its `canonical` or `id`), for messages.
    public var name: String
    /// The Marginalia id: from a `urn:marginalia:annotation:` name, else derived from the
    /// name, so importing the same file twice finds the same annotations.
    public var id: EntityID
    /// The article's Marginalia id, when the target names one.
    public var articleID: EntityID?
    /// The URLs the target names (its source, its scope): matched against articles' sources.
    public var sourceURLs: [String]
    /// Quote and context, in NFC: the quote decides where the annotation goes.
    public var quote: String
    public var prefix: String
    public var suffix: String
    /// A hint only: preferred among equally good places of the quote.
    public var position: Position?
    public var note: String
    /// Tag names as the file has them (validated when imported).
    public var tags: [String]

    public init(
        name: String, id: EntityID? = nil, articleID: EntityID?, sourceURLs: [String], quote: String, prefix: String,
        suffix: String, position: Position?, note: String, tags: [String]
    ) {
        self.name = name
        self.id = id ?? StableIdentifier.entityID(for: name)
        self.articleID = articleID
        self.sourceURLs = sourceURLs
        self.quote = TextNormalization.nfc(quote)
        self.prefix = TextNormalization.nfc(prefix)
        self.suffix = TextNormalization.nfc(suffix)
        self.position = position
        self.note = TextNormalization.nfc(note)
        self.tags = tags.map(TextNormalization.nfc)
    }

    /// What the target says about the article, for the message when no article matches.
    public var targetDescription: String {
        ([articleID.map { InterchangeURN.article($0) }].compactMap { $0 } + sourceURLs).joined(separator: " or ")
    }
}
