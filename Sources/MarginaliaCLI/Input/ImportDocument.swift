import MarginaliaCore
import MarginaliaWeb

/// An article read for `import`, before it is stored (or shown by `--dry-run`).
struct ImportDocument {
    var title: String
    /// The body as stored: plain text and Markdown as written, a page's paragraphs
    /// separated by blank lines.
    var body: String
    var paragraphs: [String]
    var source: String?
    var published: String?
    var author: String?

    init(_ document: PlainDocument) {
        title = document.title
        body = document.body
        paragraphs = Self.paragraphs(of: document.body)
    }

    init(_ article: WebArticle) {
        title = article.title
        body = article.body
        paragraphs = article.paragraphs
        source = article.source
        published = article.published
        author = article.author
    }

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
