import Foundation

/// An article read from a plain-text or Markdown file: its title and body.
public struct PlainDocument: Hashable, Sendable {
    public var title: String
    public var body: String

    /// The formats `import` reads.
    public enum Format: Sendable {
        /// The first non-empty line is the title; the rest is the body, paragraphs kept.
        case plainText
        /// The first `#` heading is the title (else as plain text); the rest is the body.
        case markdown
    }

    /// Splits `text` into title and body; nil when the text has no non-blank line.
    /// Line endings become `\n`, a byte-order mark is dropped, and the body loses
    /// blank lines at its start and end, but keeps its paragraphs as written.
    public init?(parsing text: String, as format: Format) {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let isBlank = { (line: String) in line.allSatisfy(\.isWhitespace) }
        let headingIndex = format == .markdown ? lines.firstIndex { $0.hasPrefix("# ") || $0 == "#" } : nil
        guard let titleIndex = headingIndex ?? lines.firstIndex(where: { !isBlank($0) }) else { return nil }
        var title = lines.remove(at: titleIndex)
        if headingIndex != nil {
            title = String(title.drop { $0 == "#" })
            while title.hasSuffix("#") { title.removeLast() }
        }
        title = title.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { return nil }
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        self.title = title
        self.body = lines.joined(separator: "\n")
    }
}
