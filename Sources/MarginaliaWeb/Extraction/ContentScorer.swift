/// Mozilla Readability's content scoring, for pages that mark nothing as the article:
/// every paragraph of 25 characters or more scores 1, plus one per comma, plus one per
/// hundred characters (three at most), and gives that score to its parent, half to its
/// grandparent and a third of it divided by the level to the three ancestors above.
/// An ancestor starts from what its tag suggests (`div` +5, `td` and `pre` +3, lists
/// -3, headings -5) plus its class weight; its score is then scaled down by the share of
/// its text that is links. The best-scoring element holds the article.
struct ContentScorer {
    /// The scored elements' final scores, by path (child indices from the root).
    private(set) var scores: [[Int]: Double] = [:]

    init(_ root: HTMLElement) {
        var raw: [[Int]: Double] = [:]
        var elements: [[Int]: HTMLElement] = [:]
        func visit(_ element: HTMLElement, path: [Int], ancestors: [(path: [Int], element: HTMLElement)]) {
            if Self.isParagraph(element), let score = Self.paragraphScore(element) {
                for (level, ancestor) in ancestors.reversed().prefix(5).enumerated() {
                    if raw[ancestor.path] == nil {
                        raw[ancestor.path] = Self.initialScore(ancestor.element)
                        elements[ancestor.path] = ancestor.element
                    }
                    raw[ancestor.path, default: 0] += score / (level == 0 ? 1 : level == 1 ? 2 : Double(level) * 3)
                }
            }
            for (index, node) in element.children.enumerated() {
                guard case .element(let child) = node else { continue }
                visit(child, path: path + [index], ancestors: ancestors + [(path, element)])
            }
        }
        visit(root, path: [], ancestors: [])
        for (path, score) in raw {
            scores[path] = score * (1 - TextStatistics(elements[path]!).linkDensity)
        }
    }

    /// The path of the best-scoring element (the first in document order of equals); nil
    /// when no paragraph scored.
    var best: [Int]? {
        scores.max { $0.value < $1.value || ($0.value == $1.value && $1.key.lexicographicallyPrecedes($0.key)) }?.key
    }

    /// Paragraphs: `p`, `pre`, and `div`, `section` or `td` holding no block (old pages
    /// write paragraphs as bare cells and divisions).
    private static func isParagraph(_ element: HTMLElement) -> Bool {
        switch element.name {
        case "p", "pre": true
        case "div", "section", "td": !element.descendants.contains { ParagraphRenderer.blocks.contains($0.name) || $0.name == "img" }
        default: false
        }
    }

    private static func paragraphScore(_ element: HTMLElement) -> Double? {
        let text = TextStatistics(element)
        guard text.length >= 25 else { return nil }
        return 1 + Double(text.commas) + Double(min(text.length / 100, 3))
    }

    private static func initialScore(_ element: HTMLElement) -> Double {
        let tag: Double = switch element.name {
        case "div": 5
        case "pre", "td", "blockquote": 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": -5
        default: 0
        }
        return tag + Double(ClassHints(element).weight)
    }
}
