import MarginaliaCore

/// An annotation in `show --json` and `annotations --json`: `start` and `end` say where
/// it is now (null when orphaned), `status` how sure that is, and the anchor as made
/// (`anchored_start`, `anchored_end`, `quote`, `prefix`, `suffix`, against `revision`).
enum AnnotationJSON {
    static func json(_ placed: PlacedAnnotation) -> JSONValue {
        let annotation = placed.annotation
        let anchor = annotation.anchor
        let range = placed.placement.range
        return .members([
            "anchored_end": anchor?.end, "anchored_start": anchor?.start, "article": annotation.article?.rawValue,
            "conflicts": annotation.conflictedFields.map { $0.rawValue }, "created": JSONOutput.time(annotation.created),
            "end": range.map { $0.upperBound.json } ?? .null, "id": annotation.id.rawValue, "note": annotation.note,
            "prefix": anchor?.prefix, "quote": anchor?.quote, "revision": anchor?.revision?.description,
            "start": range.map { $0.lowerBound.json } ?? .null, "state": annotation.existence.rawValue,
            "status": placed.placement.status.rawValue, "suffix": anchor?.suffix, "tags": annotation.tags,
            "updated": JSONOutput.time(annotation.updated),
        ])
    }
}
