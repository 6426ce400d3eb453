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
        // Title candidates: non-blank lines, never an empty Markdown heading.
        let candidates = lines.indices.filter {
            !isBlank(lines[$0]) && (format == .plainText || Self.headingText(lines[$0]) != "")
        }
        let headingIndex = format == .markdown ? candidates.first { Self.headingText(lines[$0]) != nil } : nil
        guard let titleIndex = headingIndex ?? candidates.first else { return nil }
        let line = lines.remove(at: titleIndex)
        let title = (headingIndex != nil ? Self.headingText(line) ?? line : line).trimmingCharacters(in: .whitespaces)
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        self.title = title
        self.body = lines.joined(separator: "\n")
    }

    /// The text of a level-one ATX heading (`# Title`, `# Title #`), or nil when
    /// `line` is not one. As in CommonMark, a closing run of `#` is dropped only
    /// after a space, so `# Learning C#` keeps its `#`.
    static func headingText(_ line: String) -> String? {
        guard line == "#" || line.hasPrefix("# ") || line.hasPrefix("#\t") else { return nil }
        var text = line.dropFirst().trimmingCharacters(in: .whitespaces)
        if let closing = text.lastIndex(where: { $0 != "#" }), closing < text.index(before: text.endIndex),
           text[closing] == " " || text[closing] == "\t" {
            text = String(text[..<closing]).trimmingCharacters(in: .whitespaces)
        } else if text.allSatisfy({ $0 == "#" }) {
            text = ""
        }
        return text
    }
}
