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
    ///
    /// Works on UTF-8 line ranges and slices rather than an array of line strings:
    /// imports parse tens of thousands of files, and Foundation's string replacing
    /// and per-line copies made this the slowest step of an import.
    public init?(parsing text: String, as format: Format) {
        var text = Self.offsets(of: UInt8(ascii: "\r"), in: text).isEmpty ? text : Self.unixLineEndings(text)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = Self.lineRanges(in: text)
        let isBlank = { (range: Range<String.Index>) in text[range].allSatisfy(\.isWhitespace) }
        let heading = { (range: Range<String.Index>) -> String? in
            text.utf8[range.lowerBound...].first == UInt8(ascii: "#") ? Self.headingText(String(text[range])) : nil
        }
        // Title candidates: non-blank lines, never an empty Markdown heading.
        let isCandidate = { (index: Int) in
            !isBlank(lines[index]) && (format == .plainText || heading(lines[index]) != "")
        }
        let headingIndex = format == .markdown
            ? lines.indices.first { heading(lines[$0]).map { !$0.isEmpty } ?? false } : nil
        guard let titleIndex = headingIndex ?? lines.indices.first(where: isCandidate) else { return nil }
        let titleLine = lines[titleIndex]
        title = (headingIndex != nil ? heading(titleLine) ?? "" : String(text[titleLine]))
            .trimmingCharacters(in: .whitespaces)

        var kept = Array(lines[..<titleIndex]) + Array(lines[(titleIndex + 1)...])
        while let first = kept.first, isBlank(first) { kept.removeFirst() }
        while let last = kept.last, isBlank(last) { kept.removeLast() }
        guard let first = kept.first, let last = kept.last else {
            body = ""
            return
        }
        if first.lowerBound > titleLine.lowerBound || last.upperBound < titleLine.upperBound {
            body = String(text[first.lowerBound..<last.upperBound])
        } else {
            let before = kept.last { $0.upperBound <= titleLine.lowerBound }!
            let after = kept.first { $0.lowerBound >= titleLine.upperBound }!
            body = String(text[first.lowerBound..<before.upperBound]) + "\n" + String(text[after.lowerBound..<last.upperBound])
        }
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

    /// The range of each line, newlines excluded.
    private static func lineRanges(in text: String) -> [Range<String.Index>] {
        let utf8 = text.utf8
        var ranges: [Range<String.Index>] = []
        var start = text.startIndex
        for offset in offsets(of: UInt8(ascii: "\n"), in: text) {
            let end = utf8.index(text.startIndex, offsetBy: offset)
            ranges.append(start..<end)
            start = utf8.index(after: end)
        }
        ranges.append(start..<text.endIndex)
        return ranges
    }

    /// The UTF-8 offsets of `byte` in `text`, found in its contiguous bytes (a
    /// generic search of `String.UTF8View` cost a tenth of an import).
    private static func offsets(of byte: UInt8, in text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in bytes.indices.filter { bytes[$0] == byte } }
    }

    /// `\r\n` and lone `\r` as `\n`.
    private static func unixLineEndings(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasReturn = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") && previousWasReturn {
                previousWasReturn = false
                continue
            }
            previousWasReturn = byte == UInt8(ascii: "\r")
            bytes.append(previousWasReturn ? UInt8(ascii: "\n") : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
