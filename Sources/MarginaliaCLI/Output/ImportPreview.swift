/// What `import --dry-run` prints: for each article, its title, source, date and
/// authors when known, its paragraph count, then its paragraphs separated by blank
/// lines (articles separated by a line `---`), or one JSON object per line with `--json`.
enum ImportPreview {
    static func show(_ documents: [ImportDocument], json: Bool, on console: Console) {
        if json {
            console.jsonLines(documents.map(ImportJSON.json(preview:)))
            return
        }
        for (index, document) in documents.enumerated() {
            if index > 0 { console.line("---") }
            console.line("title: \(document.title)")
            if let source = document.source { console.line("source: \(source)") }
            if let published = document.published { console.line("published: \(published)") }
            if let author = document.author { console.line("author: \(author)") }
            console.line("paragraphs: \(document.paragraphs.count)")
            for paragraph in document.paragraphs {
                console.line()
                console.line(paragraph)
            }
        }
    }
}
