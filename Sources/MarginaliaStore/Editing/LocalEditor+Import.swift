import MarginaliaCore

extension LocalEditor {
    /// What importing one annotation did.
    public enum ImportOutcome: String, Sendable {
        /// A new annotation under the file's id (or a deleted one brought back).
        case created
        /// The annotation existed; its differing anchor, note or tags were edited.
        case updated
        /// The annotation existed exactly so: nothing was recorded.
        case unchanged
        /// The quote is nowhere in the article: nothing was recorded.
        case orphaned
    }

    /// Imports `annotation` into `article` under the annotation's own id, so importing
    /// a file twice is importing it once.
    ///
    /// Placed in the current body by re-anchoring an anchor of unknown revision (the
    /// quote decides, the context ranks, the position only breaks ties), then anchored
    /// afresh there: the quote and context stored are the body's. An existing
    /// annotation of the same article gets ordinary local edits of what differs (the
    /// span, the note, the tags), so the import syncs like any edit and concurrent
    /// edits elsewhere stand as conflicts.
    public mutating func importAnnotation(_ annotation: InterchangeAnnotation, into article: EntityID, tags: [Tag])
        throws -> (outcome: ImportOutcome, placement: AnchorPlacement)
    {
        let articleState = try visibleState(article, kind: .article)
        let body = articleState.register(.body).winner
        let text = body?.value.text ?? ""
        let builder = AnchorBuilder(body: text, revision: body?.dot)
        let placement = Reanchorer(anchoredBody: nil, currentBody: text).place(annotation.anchorHint(in: builder.body))
        guard let range = placement.range else { return (.orphaned, placement) }
        let anchor: Anchor
        do {
            anchor = try builder.anchor(start: range.lowerBound, end: range.upperBound)
        } catch {
            throw ReplicaError.anchor(error)
        }
        let store = EntityStore(db: db)
        guard let kind = try store.kind(of: annotation.id) else {
            try record(annotation.id, kind: .annotation, fields: Self.annotationFields(article, anchor, annotation.note, tags))
            return (.created, placement)
        }
        guard kind == .annotation else { throw ReplicaError.wrongKind(annotation.id, expected: .annotation, actual: kind) }
        let state = try store.load(annotation.id, kind: .annotation)
        guard state.existence.isVisible else {
            try record(annotation.id, kind: .annotation, fields: Self.annotationFields(article, anchor, annotation.note, tags))
            return (.created, placement)
        }
        if let current = state.value(.article)?.reference, current != article {
            throw ReplicaError.unacceptableChange(
                "annotation \(annotation.id) is on article \(current), not on \(article) as the file says")
        }
        let edits = Self.importEdits(of: state, anchor: anchor, note: annotation.note, tags: tags)
        guard !edits.isEmpty else { return (.unchanged, placement) }
        try recordEdit(of: state, fields: edits)
        return (.updated, placement)
    }

    /// The fields of `state` that differ from the import: the anchor when the span or
    /// quote moved (not for context alone), the note, tags to add and to remove.
    private static func importEdits(of state: EntityState, anchor: Anchor, note: String, tags: [Tag])
        -> [FieldName: FieldValue]
    {
        var fields: [FieldName: FieldValue] = [:]
        let current = state.value(.anchor)?.anchor
        if current?.start != anchor.start || current?.end != anchor.end
            || !(current?.quote.unicodeScalars.elementsEqual(anchor.quote.unicodeScalars) ?? false) {
            fields[.anchor] = .anchor(anchor)
        }
        if !(state.value(.note)?.text ?? "").unicodeScalars.elementsEqual(note.unicodeScalars) {
            fields[.note] = .text(note)
        }
        let present = Set(state.tags)
        let wanted = Set(tags.map(\.name))
        for name in wanted.subtracting(present) { fields[.tag(name)] = .flag(true) }
        for name in present.subtracting(wanted) { fields[.tag(name)] = .flag(false) }
        return fields
    }
}
