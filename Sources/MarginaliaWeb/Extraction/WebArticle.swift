import MarginaliaCore

/// An article read from a web page: what `import` stores (title, paragraphs as the
/// body, source) and what `--dry-run` shows. A value computed from the page's text
/// alone (and the address it was fetched from, if any), with no I/O: the same page
/// always gives the same article.
public struct WebArticle: Hashable, Sendable {
    public var title: String
    /// The readable text, one paragraph each, lines inside a paragraph kept (`<br>`).
    public var paragraphs: [String]
    /// The article's address (see `SourceAddress`), nil for a file that names none.
    public var source: String?
    /// When it was published, as the page writes it (JSON-LD `datePublished` or
    /// `article:published_time`; ISO 8601 on the sites seen).
    public var published: String?
    /// Its authors, comma-separated (JSON-LD `author`, else `<meta name=author>`).
    public var author: String?

    public init(title: String, paragraphs: [String], source: String?, published: String?, author: String?) {
        self.title = title
        self.paragraphs = paragraphs
        self.source = source
        self.published = published
        self.author = author
    }

    /// Extracts the article from `html`, a page's decoded text. `address` is where it
    /// was fetched from (after redirects): the base of relative addresses and the
    /// source when the page names none. Text is returned in NFC.
    ///
    /// The text comes from JSON-LD's `articleBody` when the page has one (one paragraph
    /// per line), else from the elements `ContentFinder` picks, laid out by
    /// `ParagraphRenderer`.
    public init(extractingFrom html: String, address: String? = nil) throws(WebExtractionError) {
        guard HTMLSignature.startsWithTag(html) else { throw .notHTML }
        let root = HTMLParser.parse(html)
        let metadata = PageMetadata(root)
        let linkedData = LinkedDataArticle.first(in: root)
        let body = (root.first("body") ?? root).removing(where: PageFurniture.contains)
        let paragraphs = linkedData?.articleBody.map(Self.paragraphs(ofPlainText:))
            ?? ParagraphRenderer.paragraphs(of: ContentFinder.content(of: body))
        guard !paragraphs.isEmpty else { throw .noArticle }
        let source = SourceAddress.choose(metadata: metadata, linkedData: linkedData, fetched: address)
        guard let title = PageTitle.choose(linkedData: linkedData, metadata: metadata, body: body, host: source?.host)
        else { throw .noTitle }
        self.init(
            title: TextNormalization.nfc(title), paragraphs: paragraphs.map(TextNormalization.nfc),
            source: source.map { TextNormalization.nfc($0.absoluteString) },
            published: linkedData?.datePublished ?? metadata["article:published_time"],
            author: Self.authors(linkedData?.authors ?? []) ?? metadata["author"])
    }

    /// The body as stored: paragraphs separated by a blank line.
    public var body: String { paragraphs.joined(separator: "\n\n") }

    /// Plain text's paragraphs: one per non-blank line, white space collapsed.
    private static func paragraphs(ofPlainText text: String) -> [String] {
        text.unicodeScalars.split { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" }
            .map { WhiteSpace.collapse(String(String.UnicodeScalarView($0))) }.filter { !$0.isEmpty }
    }

    private static func authors(_ names: [String]) -> String? {
        let names = names.map(WhiteSpace.collapse).filter { !$0.isEmpty }
        return names.isEmpty ? nil : TextNormalization.nfc(names.joined(separator: ", "))
    }
}
