/// Finds the elements holding the article's text in a page's body (furniture removed),
/// in the order a careful reader would trust: the `<article>` with the most text, else
/// `<main>`, when it holds 500 characters or more once cleaned; else the best element
/// by content scoring (the whole body when no paragraph scores), first with elements
/// whose class names furniture set aside and, when that leaves under 500 characters,
/// again with them. The element found is joined by its sibling paragraphs that read as
/// prose (the lead paragraph many news sites put just before their `<article>`) and,
/// when scored, by siblings scoring at least a fifth of its score.
enum ContentFinder {
    /// Readability's threshold: less text than this is not an article's.
    static let minimumLength = 500

    /// The cleaned elements holding the article, in document order.
    static func content(of body: HTMLElement) -> [HTMLElement] {
        for name in ["article", "main"] {
            let found = outermost(in: body) { $0.name == name || (name == "main" && $0[attribute: "role"] == "main") }
            let cleaned = found.map { (path: $0, length: TextStatistics(ContentCleaner.clean(element(at: $0, in: body))).length) }
            if let best = cleaned.max(by: { $0.length < $1.length }), best.length >= minimumLength {
                return withSiblings(of: best.path, in: body, scores: [:])
            }
        }
        let strict = scored(body.removing { $0.name != "a" && ClassHints($0).isUnlikely })
        if length(of: strict) >= minimumLength { return strict }
        let lenient = scored(body)
        return length(of: lenient) > length(of: strict) ? lenient : strict
    }

    private static func scored(_ body: HTMLElement) -> [HTMLElement] {
        let scorer = ContentScorer(body)
        return withSiblings(of: scorer.best ?? [], in: body, scores: scorer.scores)
    }

    private static func length(of elements: [HTMLElement]) -> Int {
        elements.reduce(0) { $0 + TextStatistics($1).length }
    }

    /// The element at `path` with its siblings that belong to the article, each cleaned.
    private static func withSiblings(of path: [Int], in body: HTMLElement, scores: [[Int]: Double]) -> [HTMLElement] {
        guard let index = path.last else { return [ContentCleaner.clean(body)] }
        let parentPath = Array(path.dropLast())
        let threshold = max(10, (scores[path] ?? 0) * 0.2)
        return element(at: parentPath, in: body).children.enumerated().compactMap { offset, node in
            guard let sibling = node.element else { return nil }
            let belongs = offset == index || (scores[parentPath + [offset]] ?? -.infinity) >= threshold || readsAsProse(sibling)
            return belongs ? ContentCleaner.clean(sibling) : nil
        }
    }

    /// Readability's test for a sibling `<p>`: over 80 characters and under a quarter
    /// links, or a shorter one without links that holds the end of a sentence.
    private static func readsAsProse(_ element: HTMLElement) -> Bool {
        guard element.name == "p" else { return false }
        let text = TextStatistics(element)
        if text.length > 80 { return text.linkDensity < 0.25 }
        let words = WhiteSpace.collapse(element.textContent)
        return text.length > 0 && text.linkLength == 0 && (words.hasSuffix(".") || words.contains(". "))
    }

    /// Paths of the elements for which `matches` holds, not looking inside those found.
    private static func outermost(in root: HTMLElement, _ matches: (HTMLElement) -> Bool) -> [[Int]] {
        var found: [[Int]] = []
        func visit(_ element: HTMLElement, path: [Int]) {
            for (index, node) in element.children.enumerated() {
                guard let child = node.element else { continue }
                if matches(child) { found.append(path + [index]) } else { visit(child, path: path + [index]) }
            }
        }
        visit(root, path: [])
        return found
    }

    private static func element(at path: [Int], in root: HTMLElement) -> HTMLElement {
        path.reduce(root) { $0.children[$1].element! }
    }
}
