/// Why a page gave no article. Each reads after the page's name:
/// "page.html has no article text: ...".
public enum WebExtractionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not start with a tag: a text file, not a web page.
    case notHTML
    /// Nothing is left once furniture is set aside: an empty page, a page of links.
    case noArticle
    /// Neither JSON-LD, `og:title`, `<title>` nor `<h1>` gives a title.
    case noTitle

    public var description: String {
        switch self {
        case .notHTML: "is not an HTML page: it does not start with a tag"
        case .noArticle: "has no article text: nothing is left once navigation, scripts, forms and page furniture are set aside"
        case .noTitle: "has no title: no JSON-LD headline, og:title, <title> or <h1>"
        }
    }
}
