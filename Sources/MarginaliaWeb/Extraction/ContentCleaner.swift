/// Takes the page furniture out of the elements found to hold the article, as
/// Readability's last pass does: elements whose class or id names furniture (comments,
/// related links, share bars...), `<h1>` (the title, stored apart), and blocks that
/// weigh as furniture: a class of negative weight, too little text, or mostly links.
enum ContentCleaner {
    /// `element` with its furniture removed (the element itself is kept).
    static func clean(_ element: HTMLElement) -> HTMLElement {
        cleanConditionally(element.removing { $0.name == "h1" || ($0.name != "a" && ClassHints($0).isUnlikely) }, inFigure: false)
    }

    /// Removes, innermost first (so a block is weighed without what was removed inside
    /// it), each `div`, `section`, list, table or fieldset that `isFurniture` finds.
    private static func cleanConditionally(_ element: HTMLElement, inFigure: Bool) -> HTMLElement {
        var copy = element
        copy.children = element.children.compactMap { node in
            guard case .element(let child) = node else { return node }
            let cleaned = cleanConditionally(child, inFigure: inFigure || child.name == "figure")
            return isFurniture(cleaned, inFigure: inFigure) ? nil : .element(cleaned)
        }
        return copy
    }

    /// Readability's conditional cleaning: a block with a class of negative weight; or,
    /// unless it has ten commas or more (prose), one with under 25 characters that is
    /// not a heading nor a photo (outside a figure), one more than a fifth links (a list
    /// may be up to half links) unless its class says content, or one more than half links.
    private static func isFurniture(_ element: HTMLElement, inFigure: Bool) -> Bool {
        guard conditionalTags.contains(element.name) else { return false }
        let weight = ClassHints(element).weight
        if weight < 0 { return true }
        let text = TextStatistics(element)
        if text.commas >= 10 { return false }
        let isList = element.name == "ul" || element.name == "ol"
        if !isList && !inFigure && text.length < 25 && text.headingDensity < 0.9 && (text.images == 0 || text.images > 2) {
            return true
        }
        if !isList && weight < 25 && text.linkDensity > 0.2 { return true }
        return text.linkDensity > 0.5
    }

    private static let conditionalTags: Set<String> = ["div", "section", "ul", "ol", "table", "fieldset"]
}
