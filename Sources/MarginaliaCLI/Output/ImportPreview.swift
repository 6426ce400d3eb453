/// What `import --dry-run` prints: for each article, its title, source, date and
/// authors when known, its paragraph count, then its paragraphs separated by blank
/// lines (articles separated by a line `---`), or one JSON object per line with `--json`.
///
/// On a terminal the preview is for a person checking the extraction, so it is wrapped
/// at word boundaries and paged like `show`; piped, each paragraph stays one line, to
/// compare or process as it would be stored.
enum ImportPreview {
    static func show(_ documents: [ImportDocument], json: Bool, on console: Console) {
        if json {
            console.jsonLines(documents.map(ImportJSON.json(preview:)))
            return
        }
        var lines: [String] = []
        for (index, document) in documents.enumerated() {
            if index > 0 { lines.append("---") }
            lines.append("title: \(document.title)")
            if let source = document.source { lines.append("source: \(source)") }
            if let published = document.published { lines.append("published: \(published)") }
            if let author = document.author { lines.append("author: \(author)") }
            let paragraphs = document.paragraphs
            lines.append("paragraphs: \(paragraphs.count)")
            for paragraph in paragraphs {
                lines += ["", paragraph]
            }
        }
        guard console.terminal.isTerminal else {
            for line in lines { console.line(line) }
            return
        }
        console.page(lines.flatMap { StyledText($0).wrapped(to: console.terminal.columns) })
    }
}
