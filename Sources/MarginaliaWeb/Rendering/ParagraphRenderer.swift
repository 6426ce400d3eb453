/// The text of elements as paragraphs, laid out as a browser lays them out: each block
/// element (`p`, `div`, `li`, `h2`, `figcaption`, a table cell...) starts and ends
/// paragraphs; `<br>` is a line break inside one, and two in a row end it; white space
/// collapses (`WhiteSpace`) except in `<pre>`; a list item starts with its marker
/// (`•`, or its number in an ordered list). An element with `caption` in its class is a
/// paragraph of its own even when it is inline, so a photo's caption never runs into
/// the text around it.
struct ParagraphRenderer {
    private(set) var paragraphs: [String] = []
    /// The lines of the paragraph being written: "" after a `<br>` that nothing followed yet.
    private var lines: [String] = [""]
    /// White space was seen since the last character written on this line.
    private var pendingSpace = false
    /// The marker of the list item just started, written before its first character (an
    /// item with no text leaves no lone marker).
    private var pendingMarker: String?

    /// The paragraphs of `elements`, in order.
    static func paragraphs(of elements: [HTMLElement]) -> [String] {
        var renderer = ParagraphRenderer()
        for element in elements { renderer.render(element, preformatted: false, marker: nil) }
        renderer.endParagraph()
        return renderer.paragraphs
    }

    /// Renders `element`; `marker` starts it when it is an item of a list.
    private mutating func render(_ element: HTMLElement, preformatted: Bool, marker: String?) {
        if element.name == "br" {
            lineBreak()
            return
        }
        let isBlock = Self.blocks.contains(element.name)
            || (element[attribute: "class"]?.lowercased().contains("caption") ?? false)
        if isBlock { endParagraph() }
        if let marker { pendingMarker = marker + " " }
        let preformatted = preformatted || element.name == "pre"
        let isList = element.name == "ul" || element.name == "ol"
        var itemNumber = Int(element[attribute: "start"] ?? "") ?? 1
        for node in element.children {
            switch node {
            case .text(let text):
                preformatted ? writePreformatted(text) : write(text)
            case .element(let child):
                let isItem = isList && child.name == "li"
                render(child, preformatted: preformatted, marker: isItem ? (element.name == "ol" ? "\(itemNumber)." : "•") : nil)
                if isItem { itemNumber += 1 }
            }
        }
        if marker != nil { pendingMarker = nil }
        if isBlock { endParagraph() }
    }

    /// Text under `white-space: normal`.
    private mutating func write(_ text: String) {
        for scalar in text.unicodeScalars {
            if WhiteSpace.isCollapsible(scalar) {
                pendingSpace = !lines[lines.count - 1].isEmpty
            } else {
                if pendingSpace { append(" ") }
                append(scalar)
            }
        }
    }

    /// Text in `<pre>`: spaces kept, line breaks kept.
    private mutating func writePreformatted(_ text: String) {
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lineBreak()
            } else {
                append(scalar)
            }
        }
    }

    /// Writes `scalar` on the current line, after the marker of a list item it starts.
    private mutating func append(_ scalar: Unicode.Scalar) {
        if let marker = pendingMarker {
            lines[lines.count - 1].unicodeScalars.append(contentsOf: marker.unicodeScalars)
            pendingMarker = nil
        }
        lines[lines.count - 1].unicodeScalars.append(scalar)
        pendingSpace = false
    }

    private mutating func lineBreak() {
        lines.append("")
        pendingSpace = false
    }

    /// Ends the paragraph being written; a blank line inside it (two `<br>`s) ends one
    /// and starts the next.
    private mutating func endParagraph() {
        var current: [String] = []
        for line in lines + [""] {
            if line.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        lines = [""]
        pendingSpace = false
    }

    /// The elements a browser displays as blocks by default (the HTML standard's
    /// rendering section), table parts included: each cell is a paragraph.
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre",
        "search", "section", "summary", "ul", "xmp", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
    ]
}
