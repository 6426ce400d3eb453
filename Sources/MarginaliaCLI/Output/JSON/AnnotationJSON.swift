import MarginaliaCore

/// An annotation in `show --json` and `annotations --json`.
enum AnnotationJSON {
    static func json(_ annotation: AnnotationSnapshot) -> JSONValue {
        let anchor = annotation.anchor
        return .members([
            "article": annotation.article?.rawValue, "conflicts": annotation.conflictedFields.map { $0.rawValue },
            "created": JSONOutput.time(annotation.created), "end": anchor?.end, "id": annotation.id.rawValue,
            "note": annotation.note, "prefix": anchor?.prefix, "quote": anchor?.quote,
            "revision": anchor?.revision?.description, "start": anchor?.start, "state": annotation.existence.rawValue,
            "suffix": anchor?.suffix, "tags": annotation.tags, "updated": JSONOutput.time(annotation.updated),
        ])
    }
}
