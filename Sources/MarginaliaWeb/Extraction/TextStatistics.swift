/// The measures of an element's text that content scoring and cleaning weigh, in
/// characters of its text as rendered (white space collapsed).
struct TextStatistics {
    /// Characters of text.
    private(set) var length = 0
    /// Characters of text inside links.
    private(set) var linkLength = 0
    /// Commas: each is a clause, and prose has many.
    private(set) var commas = 0
    /// Characters of text inside headings.
    private(set) var headingLength = 0
    private(set) var paragraphs = 0
    private(set) var images = 0

    init(_ element: HTMLElement) {
        add(element, inLink: false, inHeading: false)
    }

    /// The share of the text that is links: near 1 for menus and lists of related stories.
    var linkDensity: Double { length == 0 ? 0 : Double(linkLength) / Double(length) }

    /// The share of the text that is headings.
    var headingDensity: Double { length == 0 ? 0 : Double(headingLength) / Double(length) }

    private mutating func add(_ element: HTMLElement, inLink: Bool, inHeading: Bool) {
        for node in element.children {
            switch node {
            case .text(let text):
                let count = WhiteSpace.collapse(text).count
                length += count
                if inLink { linkLength += count }
                if inHeading { headingLength += count }
                commas += text.unicodeScalars.count { $0 == "," || $0 == "\u{FF0C}" }
            case .element(let child):
                if child.name == "p" { paragraphs += 1 }
                if child.name == "img" || child.name == "amp-img" { images += 1 }
                add(child, inLink: inLink || child.name == "a", inHeading: inHeading || Self.headings.contains(child.name))
            }
        }
    }

    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
}
