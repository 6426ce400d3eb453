/// What is never part of an article, whatever the page: code, forms, navigation, asides,
/// footers, embedded frames, AMP's ads and widgets, and what the page hides.
enum PageFurniture {
    static func contains(_ element: HTMLElement) -> Bool {
        if tags.contains(element.name) || isHidden(element) { return true }
        return element[attribute: "role"].map { roles.contains($0.lowercased()) } ?? false
    }

    private static let tags: Set<String> = [
        "script", "style", "noscript", "template", "link", "meta", "iframe", "object", "embed", "svg", "canvas", "form",
        "button", "input", "select", "textarea", "nav", "aside", "footer", "dialog",
        // AMP's components whose content is a placeholder or a widget, never text of the article.
        "amp-ad", "amp-embed", "amp-sticky-ad", "amp-analytics", "amp-pixel", "amp-sidebar", "amp-social-share",
        "amp-consent", "amp-user-notification",
    ]

    /// ARIA roles of furniture (Readability's list).
    private static let roles: Set<String> = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    ]

    /// `hidden`, `aria-hidden="true"`, or an inline style that hides it: a browser shows none of these.
    private static func isHidden(_ element: HTMLElement) -> Bool {
        if element[attribute: "hidden"] != nil || element[attribute: "aria-hidden"]?.lowercased() == "true" { return true }
        let style = (element[attribute: "style"] ?? "").lowercased().filter { !$0.isWhitespace }
        return style.contains("display:none") || style.contains("visibility:hidden")
    }
}
