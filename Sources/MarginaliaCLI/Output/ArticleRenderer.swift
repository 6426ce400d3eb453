import MarginaliaCore
import MarginaliaStore

/// The human-readable form of `show`: the article wrapped to the terminal's width with
/// each annotated span marked and numbered (`[words]¹`, or underlined with a coloured
/// `¹` when colour is on) where re-anchoring places it now, conflicted fields flagged,
/// then the annotations with their notes under the same numbers, doubtful ones marked
/// and orphans last.
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
        if !article.body.isEmpty {
            lines += markedBody(article.body, annotations: detail.annotations).wrapped(to: width)
            lines.append(StyledText())
        }
        // Placed annotations come first (body order), so numbers follow the text; the
        // orphans, whose words are gone, are listed after them with their quotes.
        let orphans = detail.annotations.firstIndex { $0.placement.range == nil } ?? detail.annotations.endIndex
        for (index, annotation) in detail.annotations.enumerated() {
            if index == 0 && orphans > 0 { lines.append(StyledText("Annotations", .heading)) }
            if index == orphans {
                if index > 0 { lines.append(StyledText()) }
                lines += StyledText("Orphaned: their words are no longer in the body", .heading).wrapped(to: width)
            }
            lines += self.lines(annotation, number: index + 1)
        }
        return lines
    }

    /// One annotation: `[n] id  start-end  “quote”` where it is now, then its note and
    /// tags indented. Numbered (in `show`), a doubtful one is marked `needs review` or
    /// `orphaned`; unnumbered (a listing), every one has its status as a column.
    func lines(_ placed: PlacedAnnotation, number: Int?) -> [StyledText] {
        let annotation = placed.annotation
        let status = placed.placement.status
        let width = terminal.columns
        var head = StyledText()
        if let number { head.append("[\(number)] ", .marker) }
        head.append(HumanFormat.short(annotation.id), .muted)
        if number == nil { head.append("  " + Self.column(status), status.isDoubtful ? .warning : .plain) }
        if let range = placed.placement.range { head.append("  \(range.lowerBound)-\(range.upperBound)") }
        if let anchor = annotation.anchor { head.append("  " + HumanFormat.quoted(anchor.quote, limit: 60)) }
        if number != nil, status.isDoubtful {
            head.append(status == .review ? "  needs review" : "  orphaned", .warning)
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
        for detail in details {
            var line = StyledText(Self.indent)
            line.append(detail)
            lines.append(line)
        }
        return lines
    }

    /// The status padded to the longest one, `orphaned`, so the columns after it line up.
    private static func column(_ status: AnchorStatus) -> String {
        let width = AnchorStatus.allCases.map(\.rawValue.count).max() ?? 0
        return status.rawValue + String(repeating: " ", count: width - status.rawValue.count)
    }

    /// The body with each placed annotation's span marked with its number.
    private func markedBody(_ body: String, annotations: [PlacedAnnotation]) -> StyledText {
        var opening: [(offset: Int, number: Int)] = []
        var closing: [(offset: Int, number: Int)] = []
        for (index, annotation) in annotations.enumerated() {
            guard let span = annotation.placement.range else { continue }
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
        return marked
    }

    /// `12` as `¹²`.
    static func superscript(_ number: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(number).map { digits[Int(String($0))!] })
    }
}
