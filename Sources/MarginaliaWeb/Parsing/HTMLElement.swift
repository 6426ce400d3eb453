/// An element of a parsed page, as a value: extraction reads and prunes copies of the
/// tree freely, and nothing of libxml2 outlives the parse.
struct HTMLElement: Sendable {
    /// The tag name, lowercase (`article`, `amp-img`).
    var name: String
    /// Attribute values by lowercase name, entities decoded; the first of a repeated name.
    var attributes: [String: String]
    var children: [HTMLNode]

    init(name: String, attributes: [String: String] = [:], children: [HTMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of attribute `name` (lowercase), or nil.
    subscript(attribute name: String) -> String? { attributes[name] }

    /// The element's children that are elements.
    var childElements: [HTMLElement] { children.compactMap(\.element) }

    /// Every element below this one, in document order (this one excluded).
    var descendants: [HTMLElement] {
        var found: [HTMLElement] = []
        func visit(_ element: HTMLElement) {
            for child in element.childElements {
                found.append(child)
                visit(child)
            }
        }
        visit(self)
        return found
    }

    /// The first element below this one named `name`, in document order.
    func first(_ name: String) -> HTMLElement? {
        for child in childElements {
            if child.name == name { return child }
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// The text below this element as it stands in the source: scripts and styles included,
    /// white space as written. (What a reader sees is `ParagraphRenderer`'s.)
    var textContent: String {
        children.map { node in
            switch node {
            case .text(let text): text
            case .element(let element): element.textContent
            }
        }.joined()
    }

    /// This element with every element below it for which `drop` holds removed,
    /// whole (the element is not asked about itself).
    func removing(where drop: (HTMLElement) -> Bool) -> HTMLElement {
        var copy = self
        copy.children = children.compactMap { node in
            guard case .element(let element) = node else { return node }
            return drop(element) ? nil : .element(element.removing(where: drop))
        }
        return copy
    }
}
