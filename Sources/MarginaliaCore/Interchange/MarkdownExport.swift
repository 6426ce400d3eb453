/// An article as Markdown with its annotations as footnotes: `[^N]` after each
/// highlighted span, and below the text each footnote's quote, note and tags.
///
/// A line break in the body or a note is a paragraph break, as `show` displays it
/// (paragraphs and photo captions are lines), so each line becomes a Markdown
/// paragraph: a single newline would join it to the next. Text is otherwise written as
/// it is, Markdown included, except what a renderer would take for raw HTML and drop.
public enum MarkdownExport {
    public static func render(_ article: AnnotatedArticle) -> String {
        var lines = ["# " + escapingHTML(oneLine(article.article.title)), ""]
        if let source = article.article.source { lines += ["Source: <\(source)>", ""] }
        var body = ""
        for segment in HighlightSegments(article).segments {
            body += article.body.text(segment.range)
            body += segment.ending.map { "[^\($0)]" }.joined()
        }
        lines.append(paragraphs(escapingHTML(body)).joined(separator: "\n\n"))
        for (index, placed) in article.annotations.enumerated() {
            lines += [""] + footnote(number: index + 1, placed, quote: article.quote(of: placed).exact)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `[^N]: “quote”`, then the note's paragraphs and the tags as indented paragraphs of
    /// the footnote.
    private static func footnote(number: Int, _ placed: PlacedAnnotation, quote: String) -> [String] {
        let orphaned = placed.placement.range == nil ? " (no longer in the text)" : ""
        var lines = ["[^\(number)]: “\(escapingHTML(oneLine(quote)))”\(orphaned)"]
        for paragraph in paragraphs(escapingHTML(placed.annotation.note)) {
            lines += ["", "    " + paragraph]
        }
        if !placed.annotation.tags.isEmpty {
            lines += ["", "    Tags: " + placed.annotation.tags.map { "#" + $0 }.joined(separator: " ")]
        }
        return lines
    }

    /// The non-blank lines of `text`.
    private static func paragraphs(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `text` with a backslash before each `<`, and before each `&` that could begin a
    /// character reference: CommonMark renderers pass raw HTML through or, by default,
    /// drop it (`<script>` in a note would vanish), and `&amp;` would become `&`.
    static func escapingHTML(_ text: String) -> String {
        var escaped = ""
        for index in text.indices {
            let character = text[index]
            let next = text.index(after: index) < text.endIndex ? text[text.index(after: index)] : nil
            if character == "<" || (character == "&" && next.map { $0 == "#" || $0.isLetter || $0.isNumber } ?? false) {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }
}
