/// What an element's `class` and `id` say about it, by the word lists of Mozilla's
/// Readability (matched as parts of the names, case ignored), with the names Vietnamese
/// news sites give their related-news and comment boxes added.
struct ClassHints {
    private let className: String
    private let id: String

    init(_ element: HTMLElement) {
        className = (element[attribute: "class"] ?? "").lowercased()
        id = (element[attribute: "id"] ?? "").lowercased()
    }

    /// Names of page furniture: comments, related links, share bars, menus, sidebars...
    /// An element named so is dropped unless its name also suggests content
    /// (`header-content` stays).
    var isUnlikely: Bool {
        let names = className + " " + id
        return Self.unlikely.contains { names.contains($0) } && !Self.maybe.contains { names.contains($0) }
    }

    /// Readability's class weight: +25 for a class suggesting content (`article`,
    /// `entry`, `post`...), -25 for one suggesting furniture (`meta`, `share`,
    /// `comment`...), and the same again for the id.
    var weight: Int { Self.weight(of: className) + Self.weight(of: id) }

    private static func weight(of name: String) -> Int {
        guard !name.isEmpty else { return 0 }
        return (positive.contains { name.contains($0) } ? 25 : 0) - (negative.contains { name.contains($0) } ? 25 : 0)
    }

    private static let unlikely = [
        "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote", "share",
        // tin liên quan (related news), bình luận (comments)
        "tinlienquan", "tin-lien-quan", "binhluan", "binh-luan",
    ]
    private static let maybe = ["and", "article", "body", "column", "content", "main", "shadow"]
    private static let positive = [
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog",
        "story",
    ]
    private static let negative = [
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr",
        "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
        "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
    ]
}
