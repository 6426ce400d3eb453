/// An article with its annotations placed in its current body: what every export
/// format is rendered from, so the formats agree on where each annotation is.
public struct AnnotatedArticle: Sendable {
    public var article: ArticleSnapshot
    /// In body order (by start, then end, then id); orphaned ones last, by id.
    public let annotations: [PlacedAnnotation]
    public let body: ScalarText

    public init(article: ArticleSnapshot, annotations: [PlacedAnnotation]) {
        self.article = article
        self.annotations = annotations.sorted(by: PlacedAnnotation.listingOrder)
        body = ScalarText(article.body)
    }

    /// The quote and context of `placed`: taken from the body where it is placed, from
    /// its stored anchor when it is orphaned.
    public func quote(of placed: PlacedAnnotation) -> (exact: String, prefix: String, suffix: String) {
        Self.quote(of: placed, in: body)
    }

    /// The quote and context an export writes for `placed` in `body`; an import compares
    /// the file's with them to leave an annotation it already holds alone.
    public static func quote(of placed: PlacedAnnotation, in body: ScalarText)
        -> (exact: String, prefix: String, suffix: String)
    {
        guard let range = placed.placement.range else {
            let anchor = placed.annotation.anchor
            return (anchor?.quote ?? "", anchor?.prefix ?? "", anchor?.suffix ?? "")
        }
        let before = max(0, range.lowerBound - Anchor.contextLength)
        let after = min(body.count, range.upperBound + Anchor.contextLength)
        return (body.text(range), body.text(before..<range.lowerBound), body.text(range.upperBound..<after))
    }
}
