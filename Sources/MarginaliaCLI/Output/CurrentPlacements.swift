import MarginaliaCore
import MarginaliaStore

/// Where the annotations of an article are in its current body, for export.
///
/// From the anchors alone: an anchor made against the current body is where it says;
/// any other is placed by quote and context search, its revision treated as unknown.
/// The one place to swap for the store's placement query (which diffs from the
/// anchored revision) once the store keeps placements.
enum CurrentPlacements {
    static func of(_ detail: ArticleDetail) -> AnnotatedArticle {
        let reanchorer = Reanchorer(anchoredBody: nil, currentBody: detail.article.body)
        let body = ScalarText(detail.article.body)
        return AnnotatedArticle(article: detail.article, annotations: detail.annotations.map { annotation in
            guard let anchor = annotation.anchor else { return .init(annotation: annotation, placement: .orphaned) }
            let isCurrent = anchor.revision != nil && anchor.revision == detail.article.bodyRevision
                && body.holds(Array(anchor.quote.unicodeScalars), at: anchor.start..<anchor.end)
            let placement = isCurrent
                ? AnchorPlacement(range: anchor.start..<anchor.end, status: .exact) : reanchorer.place(anchor)
            return .init(annotation: annotation, placement: placement)
        })
    }
}
