import MarginaliaCore
import MarginaliaStore

/// The human-readable form of `show`: title, metadata, body, then the annotations
/// with their spans and notes.
struct ArticleRenderer {
    let console: Console

    func render(_ detail: ArticleDetail) {
        let article = detail.article
        console.line(article.title)
        var meta = ["id \(article.id)"]
        if !article.tags.isEmpty { meta.append("tags " + article.tags.joined(separator: ", ")) }
        if let source = article.source { meta.append("source \(source)") }
        meta.append("updated \(HumanFormat.time(article.updated))")
        console.line(meta.joined(separator: " · "))
        if let note = HumanFormat.conflictNote(article.conflictedFields, existence: article.existence) {
            console.line(note + " (see 'marginalia history \(HumanFormat.short(article.id))')")
        }
        console.line()
        if !article.body.isEmpty {
            console.line(article.body)
            console.line()
        }
        guard !detail.annotations.isEmpty else { return }
        console.line("Annotations")
        for (index, annotation) in detail.annotations.enumerated() {
            render(annotation, number: index + 1)
        }
    }

    /// One annotation: `[n] id  start-end  “quote”`, then its note and tags indented.
    func render(_ annotation: AnnotationSnapshot, number: Int?) {
        var head = number.map { "[\($0)] " } ?? ""
        head += HumanFormat.short(annotation.id)
        if let anchor = annotation.anchor {
            head += "  \(anchor.start)-\(anchor.end)  " + HumanFormat.quoted(anchor.quote, limit: 60)
        }
        if number == nil, let article = annotation.article { head += "  on article \(HumanFormat.short(article))" }
        console.line(head)
        if !annotation.note.isEmpty {
            for line in annotation.note.split(separator: "\n", omittingEmptySubsequences: false) {
                console.line("    \(line)")
            }
        }
        if !annotation.tags.isEmpty { console.line("    " + annotation.tags.map { "#\($0)" }.joined(separator: " ")) }
        if let note = HumanFormat.conflictNote(annotation.conflictedFields, existence: annotation.existence) {
            console.line("    " + note)
        }
    }
}
