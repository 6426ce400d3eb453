/// An article as a standalone HTML5 page: highlighted spans as `<mark>`, notes in a
/// margin column beside the text (below it, as footnotes, on a narrow screen), all
/// styles inline, no script and no server needed.
///
/// Overlapping highlights are cut into runs at every start and end; a run covered by
/// several annotations nests one `<mark data-annotation="N">` per annotation. The
/// first run of annotation N has the id `mark-N`, its note `note-N`, and a `<sup>`
/// link to the note follows its last run, outside every mark, so the text of an
/// annotation's marks is exactly its quote.
public enum HTMLExport {
    public static func render(_ article: AnnotatedArticle, language: String) -> String {
        let title = escape(article.article.title)
        var html = """
            <!DOCTYPE html>
            <html lang="\(escape(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>\(style)</style>
            </head>
            <body>
            <main class="page">
            <article class="text">
            <h1>\(title)</h1>

            """
        if let source = article.article.source {
            html += "<p class=\"source\"><a href=\"\(escape(source))\">\(escape(source))</a></p>\n"
        }
        html += "<div class=\"body\">\(body(article))</div>\n</article>\n"
        html += "<aside class=\"margin\" aria-label=\"Annotations\">\n<ol class=\"notes\">\n"
        for (index, placed) in article.annotations.enumerated() {
            html += note(number: index + 1, placed, quote: article.quote(of: placed).exact)
        }
        html += "</ol>\n</aside>\n</main>\n</body>\n</html>\n"
        return html
    }

    private static func body(_ article: AnnotatedArticle) -> String {
        var marked: Set<Int> = []
        var html = ""
        for segment in HighlightSegments(article).segments {
            var opening = ""
            for number in segment.covering {
                let id = marked.insert(number).inserted ? " id=\"mark-\(number)\"" : ""
                opening += "<mark\(id) data-annotation=\"\(number)\">"
            }
            html += opening + escape(article.body.text(segment.range))
            html += String(repeating: "</mark>", count: segment.covering.count)
            html += segment.ending.map { "<sup class=\"ref\"><a href=\"#note-\($0)\">\($0)</a></sup>" }.joined()
        }
        return html
    }

    private static func note(number: Int, _ placed: PlacedAnnotation, quote: String) -> String {
        let annotation = placed.annotation
        let link = placed.placement.range == nil ? "\(number)" : "<a href=\"#mark-\(number)\">\(number)</a>"
        var html = "<li class=\"note\" id=\"note-\(number)\" data-annotation=\"\(number)\">"
        html += "<span class=\"number\">\(link)</span> <q class=\"quote\">\(escape(quote))</q>"
        if placed.placement.range == nil { html += " <em class=\"orphaned\">(no longer in the text)</em>" }
        if !annotation.note.isEmpty { html += "<p class=\"note-text\">\(escape(annotation.note))</p>" }
        if !annotation.tags.isEmpty {
            html += "<p class=\"tags\">" + annotation.tags.map { "<span class=\"tag\">#\(escape($0))</span>" }
                .joined(separator: " ") + "</p>"
        }
        return html + "</li>\n"
    }

    /// Text made safe inside elements and double- or single-quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static let style = """

        body { margin: 0; background: #fdfcf8; color: #222; font: 18px/1.6 Georgia, "Noto Serif", "DejaVu Serif", serif; }
        .page { display: grid; grid-template-columns: minmax(0, 40rem) minmax(12rem, 18rem); gap: 3rem;
          max-width: 64rem; margin: 0 auto; padding: 2rem; }
        h1 { line-height: 1.25; }
        .source { font-size: .85rem; overflow-wrap: anywhere; }
        .body { white-space: pre-wrap; overflow-wrap: break-word; }
        mark { background: rgba(255, 213, 79, .45); color: inherit; }
        mark mark { background: rgba(255, 160, 40, .5); }
        sup.ref a, .number a { text-decoration: none; }
        .margin { font-size: .85rem; line-height: 1.45; }
        .notes { list-style: none; margin: 0; padding: 0; position: sticky; top: 1rem; }
        .note { margin: 0 0 1rem; padding-left: .6rem; border-left: 3px solid #e0b84a; }
        .note-text { margin: .3rem 0; white-space: pre-wrap; }
        .tags { margin: .3rem 0; color: #666; }
        .number { font-weight: bold; }
        @media (max-width: 52rem) {
          .page { grid-template-columns: minmax(0, 1fr); gap: 1rem; }
          .margin { border-top: 1px solid #ccc; padding-top: 1rem; }
          .notes { position: static; }
        }

        """
}
