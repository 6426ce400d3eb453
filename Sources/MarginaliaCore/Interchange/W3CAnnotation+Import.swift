extension W3CAnnotation {
    /// The annotation as an import: its target that has a TextQuoteSelector, its note
    /// (every non-tag text body) and tags. The annotation's `canonical` (else `id`) names it.
    func interchange(index: Int) throws(InterchangeError) -> InterchangeAnnotation {
        guard let target = target.values.first(where: { $0.selector("TextQuoteSelector") != nil }),
              let quote = target.selector("TextQuoteSelector"), let exact = quote.exact
        else {
            throw .invalidAnnotation(name: name(index: index), reason: "no target has a TextQuoteSelector with 'exact'")
        }
        let bodies = body?.values ?? []
        let notes = bodies.filter { !$0.isTag }.compactMap(\.value) + [bodyValue].compactMap { $0 }
        // The source is the article's URN (from Marginalia) or the page's URL (elsewhere).
        let articleID = target.source.flatMap(InterchangeURN.articleID(in:))
        let urls = [articleID == nil ? target.source : nil, target.scope].compactMap { $0 }.filter { !$0.isEmpty }
        return InterchangeAnnotation(
            name: name(index: index),
            id: [canonical, id].compactMap { $0 }.lazy.compactMap(InterchangeURN.annotationID(in:)).first,
            articleID: articleID, sourceURLs: urls,
            quote: exact, prefix: quote.prefix ?? "", suffix: quote.suffix ?? "",
            position: target.selector("TextPositionSelector")?.range.map { .scalars($0) },
            note: notes.joined(separator: "\n\n"), tags: bodies.filter(\.isTag).compactMap(\.value))
    }

    /// The annotation's own name, else one made of its place in the file and its target.
    private func name(index: Int) -> String {
        canonical ?? id ?? "#\(index + 1) of \(target.values.first?.source ?? "no source")"
    }
}
