import MarginaliaCore
import MarginaliaStore

/// The human-readable form of `show`: the article wrapped to the terminal's width with
/// each annotated span marked and numbered (`[words]¹`, or underlined with a coloured
/// `¹` when colour is on), conflicted fields flagged, then the annotations with their
/// notes under the same numbers.
struct ArticleRenderer {
    let terminal: Terminal

    /// Notes and tags under an annotation are indented this far.
    private static let indent = "    "

    func lines(_ detail: ArticleDetail) -> [StyledText] {
        let article = detail.article
        let width = terminal.columns
        var lines = StyledText(article.title, .heading).wrapped(to: width)
        var meta = ["id \(article.id)"]
        if !article.tags.isEmpty { meta.append("tags " + article.tags.joined(separator: ", ")) }
        if let source = article.source { meta.append("source \(source)") }
        meta.append("updated \(HumanFormat.time(article.updated))")
        lines += StyledText(meta.joined(separator: " · "), .muted).wrapped(to: width)
        if let note = HumanFormat.conflictNote(article.conflictedFields, existence: article.existence) {
            let hint = " (see 'marginalia conflict \(HumanFormat.short(article.id))')"
            lines += StyledText(note + hint, .warning).wrapped(to: width)
        }
        lines.append(StyledText())
        let (body, placed) = markedBody(article.body, annotations: detail.annotations)
        if !article.body.isEmpty {
            lines += body.wrapped(to: width)
            lines.append(StyledText())
        }
        guard !detail.annotations.isEmpty else { return lines }
        lines.append(StyledText("Annotations", .heading))
        for (index, annotation) in detail.annotations.enumerated() {
            lines += self.lines(annotation, number: index + 1, inBody: placed.contains(index))
        }
        return lines
    }

    /// One annotation: `[n] id  start-end  “quote”`, then its note and tags indented.
    /// `inBody` says whether its span was found and marked in the body shown above.
    func lines(_ annotation: AnnotationSnapshot, number: Int?, inBody: Bool = true) -> [StyledText] {
        let width = terminal.columns
        var head = StyledText()
        if let number { head.append("[\(number)] ", .marker) }
        head.append(HumanFormat.short(annotation.id), .muted)
        if let anchor = annotation.anchor {
            head.append("  \(anchor.start)-\(anchor.end)  " + HumanFormat.quoted(anchor.quote, limit: 60))
        }
        if number == nil, let article = annotation.article { head.append("  on article \(HumanFormat.short(article))") }
        var lines = head.wrapped(to: width)
        let inner = width - Self.indent.count
        var details: [StyledText] = []
        if !annotation.note.isEmpty { details += StyledText(annotation.note).wrapped(to: inner) }
        if !annotation.tags.isEmpty { details += StyledText(annotation.tags.map { "#\($0)" }.joined(separator: " ")).wrapped(to: inner) }
        if let note = HumanFormat.conflictNote(annotation.conflictedFields, existence: annotation.existence) {
            details += StyledText(note, .warning).wrapped(to: inner)
        }
        if !inBody { details += StyledText("(its quote is no longer in the body)", .muted).wrapped(to: inner) }
        for detail in details {
            var line = StyledText(Self.indent)
            line.append(detail)
            lines.append(line)
        }
        return lines
    }

    /// The body with each annotation's span marked, and the indices of the annotations
    /// whose quote was found: at the anchor's offsets, or, when the body has changed
    /// since the anchor was made, at the occurrence of the quote nearest to them.
    private func markedBody(_ body: String, annotations: [AnnotationSnapshot]) -> (StyledText, Set<Int>) {
        let text = ScalarText(body)
        var opening: [(offset: Int, number: Int)] = []
        var closing: [(offset: Int, number: Int)] = []
        for (index, annotation) in annotations.enumerated() {
            guard let anchor = annotation.anchor, let span = Self.span(of: anchor, in: text) else { continue }
            opening.append((span.lowerBound, index + 1))
            closing.append((span.upperBound, index + 1))
        }
        opening.sort { ($0.offset, $0.number) < ($1.offset, $1.number) }
        closing.sort { ($0.offset, $1.number) < ($1.offset, $0.number) }
        let colour = terminal.colour
        var marked = StyledText()
        var open = 0
        var closed = 0
        var active = 0
        var offset = 0
        func mark(upTo offset: Int) {
            while closed < closing.count, closing[closed].offset <= offset {
                if !colour { marked.append("]", .marker) }
                marked.append(Self.superscript(closing[closed].number), .marker)
                active -= 1
                closed += 1
            }
            while open < opening.count, opening[open].offset <= offset {
                if !colour { marked.append("[", .marker) }
                active += 1
                open += 1
            }
        }
        for character in body {
            mark(upTo: offset)
            marked.append(character, active > 0 ? .highlight : .plain)
            offset += character.unicodeScalars.count
        }
        mark(upTo: offset)
        return (marked, Set(opening.map { $0.number - 1 }))
    }

    /// Where `anchor`'s quote is in `text`: at its offsets, else its nearest occurrence.
    private static func span(of anchor: Anchor, in text: ScalarText) -> Range<Int>? {
        let quote = Array(anchor.quote.unicodeScalars)
        guard anchor.start < anchor.end, !quote.isEmpty else { return nil }
        if anchor.start >= 0, anchor.end <= text.count, text.scalars[anchor.start..<anchor.end].elementsEqual(quote) {
            return anchor.start..<anchor.end
        }
        return text.occurrences(of: quote).min { abs($0.lowerBound - anchor.start) < abs($1.lowerBound - anchor.start) }
    }

    /// `12` as `¹²`.
    static func superscript(_ number: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(number).map { digits[Int(String($0))!] })
    }
}
