/// What a page says about itself in its markup: `<title>`, Open Graph and other
/// `<meta>` tags, `<link rel=canonical>` and `<base href>`, read from wherever they
/// stand (some pages put them in the body).
struct PageMetadata {
    /// The `<title>`, white space collapsed.
    private(set) var title: String?
    /// `<meta property|name=... content=...>` by lowercase key (`og:title`, `author`), the first of each.
    private(set) var meta: [String: String] = [:]
    /// `<link rel=canonical href>`, as written.
    private(set) var canonical: String?
    /// `<base href>`, as written.
    private(set) var base: String?

    init(_ root: HTMLElement) {
        for element in root.descendants {
            switch element.name {
            case "title" where title == nil:
                title = WhiteSpace.collapse(element.textContent)
            case "meta":
                guard let key = (element[attribute: "property"] ?? element[attribute: "name"])?.lowercased(),
                      let content = element[attribute: "content"], meta[key] == nil
                else { continue }
                meta[key] = WhiteSpace.collapse(content)
            case "link" where canonical == nil:
                let relations = (element[attribute: "rel"] ?? "").lowercased().split(whereSeparator: \.isWhitespace)
                if relations.contains("canonical") { canonical = element[attribute: "href"] }
            case "base" where base == nil:
                base = element[attribute: "href"]
            default:
                continue
            }
        }
    }

    /// The value of `<meta>` `key` when it has text.
    subscript(_ key: String) -> String? {
        meta[key].flatMap { $0.isEmpty ? nil : $0 }
    }
}
