extension W3CAnnotationCollection {
    /// The collection of the annotations of `articles`, in their order and body order.
    ///
    /// Only what the annotations say is written, not when (no `created` or `modified`):
    /// an import records new changes, so times would differ after a round trip, and
    /// export, import, export must give the same file.
    public init(label: String, articles: [AnnotatedArticle]) {
        let annotations = articles.flatMap { article in article.annotations.map { Self.annotation($0, of: article) } }
        self.init(id: InterchangeURN.collection(of: articles.map(\.article.id)), label: label, annotations: annotations)
    }

    /// One annotation: a `commenting` note body and `tagging` tag bodies, and a target
    /// whose `source` is the article's URN and `scope` the page it came from.
    private static func annotation(_ placed: PlacedAnnotation, of article: AnnotatedArticle) -> W3CAnnotation {
        let annotation = placed.annotation
        var bodies = annotation.note.isEmpty ? [] : [W3CBody(value: annotation.note, purpose: "commenting", format: "text/plain")]
        bodies += annotation.tags.map { W3CBody(value: $0, purpose: "tagging") }
        let quote = article.quote(of: placed)
        let selectors = [W3CSelector.quote(exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix)]
            + (placed.placement.range.map { [W3CSelector.position($0)] } ?? [])
        return W3CAnnotation(
            id: InterchangeURN.annotation(annotation.id), body: bodies,
            motivation: annotation.note.isEmpty ? "highlighting" : "commenting",
            target: W3CTarget(
                source: InterchangeURN.article(article.article.id), scope: article.article.source, selectors: selectors))
    }
}
