import MarginaliaCore

/// Articles in `import --json` (one line each: id, title, source, paragraph count) and
/// `import --dry-run --json` (what would be stored, paragraphs included, and no id).
enum ImportJSON {
    static func json(imported document: ImportDocument, id: EntityID) -> JSONValue {
        .members([
            "id": id.rawValue, "paragraph_count": document.paragraphs.count, "source": document.source,
            "title": document.title,
        ])
    }

    static func json(preview document: ImportDocument) -> JSONValue {
        let paragraphs = document.paragraphs
        return .members([
            "author": document.author, "paragraph_count": paragraphs.count, "paragraphs": paragraphs,
            "published": document.published, "source": document.source, "title": document.title,
        ])
    }
}
