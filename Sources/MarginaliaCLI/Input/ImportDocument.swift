import MarginaliaCore
import MarginaliaWeb

/// An article read for `import`, before it is stored (or shown by `--dry-run`).
struct ImportDocument {
    var title: String
    /// The body as stored: plain text and Markdown as written, a page's paragraphs
    /// separated by blank lines.
    var body: String
    /// A web page's paragraphs as its extraction found them; nil for plain text and
    /// Markdown, whose paragraphs are found in `body` when asked for (`paragraphs`).
    private var extractedParagraphs: [String]?
    var source: String?
    var published: String?
    var author: String?

    init(_ document: PlainDocument) {
        title = document.title
        body = document.body
    }

    init(_ article: WebArticle) {
        title = article.title
        body = article.body
        extractedParagraphs = article.paragraphs
        source = article.source
        published = article.published
        author = article.author
    }

    /// The paragraphs, for `--dry-run` and `--json`: a page's as extracted, the runs of
    /// non-blank lines of any other body. Found only when asked for, since splitting
    /// every body took a quarter of an import's CPU time, for output that prints none.
    var paragraphs: [String] { extractedParagraphs ?? Self.paragraphs(of: body) }

    /// The runs of non-blank lines of `body`.
    private static func paragraphs(of body: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) + [Substring()] {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        return paragraphs
    }
}
