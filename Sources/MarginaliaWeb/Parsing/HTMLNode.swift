/// A node of a parsed page: an element, or a run of text with its entities decoded.
/// Comments and processing instructions are left out: nothing reads them.
enum HTMLNode: Sendable {
    case element(HTMLElement)
    case text(String)

    /// The element, or nil for text.
    var element: HTMLElement? {
        if case .element(let element) = self { element } else { nil }
    }
}
