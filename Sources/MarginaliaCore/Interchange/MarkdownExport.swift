/// An article as Markdown with its annotations as footnotes: `[^N]` after each
/// highlighted span, and below the text each footnote's quote, note and tags.
public enum MarkdownExport {
    public static func render(_ article: AnnotatedArticle) -> String {
        var lines = ["# " + article.article.title.replacingOccurrences(of: "\n", with: " "), ""]
        if let source = article.article.source { lines += ["Source: <\(source)>", ""] }
        var body = ""
        for segment in HighlightSegments(article).segments {
            body += article.body.text(segment.range)
            body += segment.ending.map { "[^\($0)]" }.joined()
        }
        lines.append(body)
        for (index, placed) in article.annotations.enumerated() {
            lines += [""] + footnote(number: index + 1, placed, quote: article.quote(of: placed).exact)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `[^N]: “quote”`, then the note and tags as indented paragraphs of the footnote.
    private static func footnote(number: Int, _ placed: PlacedAnnotation, quote: String) -> [String] {
        let orphaned = placed.placement.range == nil ? " (no longer in the text)" : ""
        var lines = ["[^\(number)]: “\(oneLine(quote))”\(orphaned)"]
        let note = placed.annotation.note
        if !note.isEmpty {
            lines.append("")
            lines += note.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
        }
        if !placed.annotation.tags.isEmpty {
            lines += ["", "    Tags: " + placed.annotation.tags.map { "#" + $0 }.joined(separator: " ")]
        }
        return lines
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
