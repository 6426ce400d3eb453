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
    /// An annotation held here that an export would write exactly as the file has it
    /// (quote, context, position, note, tags) is left alone before its quote is looked
    /// for: an orphan synced here is as unchanged as a placed one. Any other is placed
    /// in the current body by re-anchoring an anchor of unknown revision (the quote
    /// decides, the context ranks, the position only breaks ties), then anchored afresh
    /// there: the quote and context stored are the body's. An orphan Marginalia
    /// exported (`isExportedOrphan`) keeps the file's quote and stays an orphan. An
    /// existing annotation of the same article gets ordinary local edits of what
    /// differs (the span, the note, the tags), so the import syncs like any edit and
    /// concurrent edits elsewhere stand as conflicts.
    public mutating func importAnnotation(_ annotation: InterchangeAnnotation, into article: EntityID, tags: [Tag])
        throws -> (outcome: ImportOutcome, placement: AnchorPlacement)
    {
        let articleState = try visibleState(article, kind: .article)
        let body = articleState.register(.body).winner
        let text = body?.value.text ?? ""
        let builder = AnchorBuilder(body: text, revision: body?.dot)
        let existing = try existingAnnotation(annotation.id, of: article)
        if let existing, let placement = try unchangedPlacement(of: existing, as: annotation, tags: tags, in: builder.body) {
            return (.unchanged, placement)
        }
        let placement = Reanchorer(anchoredBody: nil, currentBody: text).place(annotation.anchorHint(in: builder.body))
        let anchor: Anchor
        if let range = placement.range {
            do {
                anchor = try builder.anchor(start: range.lowerBound, end: range.upperBound)
            } catch {
                throw ReplicaError.anchor(error)
            }
        } else if annotation.isExportedOrphan(of: article) {
            anchor = Anchor(
                start: 0, end: annotation.quote.unicodeScalars.count, quote: annotation.quote, prefix: annotation.prefix,
                suffix: annotation.suffix, revision: nil)
        } else {
            return (.orphaned, placement)
        }
        guard let existing else {
            try record(annotation.id, kind: .annotation, fields: Self.annotationFields(article, anchor, annotation.note, tags))
            return (.created, placement)
        }
        let edits = Self.importEdits(
            of: existing, anchor: anchor, keepingSpan: placement.range == nil, note: annotation.note, tags: tags)
        guard !edits.isEmpty else { return (.unchanged, placement) }
        try recordEdit(of: existing, fields: edits)
        return (.updated, placement)
    }

    /// The visible annotation `id` of `article`, nil when there is none (or a deleted one,
    /// which the import brings back); another kind of entity, or an annotation of another
    /// article, is refused.
    private func existingAnnotation(_ id: EntityID, of article: EntityID) throws -> EntityState? {
        let store = EntityStore(db: db)
        guard let kind = try store.kind(of: id) else { return nil }
        guard kind == .annotation else { throw ReplicaError.wrongKind(id, expected: .annotation, actual: kind) }
        let state = try store.load(id, kind: .annotation)
        guard state.existence.isVisible else { return nil }
        if let current = state.value(.article)?.reference, current != article {
            throw ReplicaError.unacceptableChange("annotation \(id) is on article \(current), not on \(article) as the file says")
        }
        return state
    }

    /// Where `state` is, when an export of it would say exactly what the file says.
    private func unchangedPlacement(of state: EntityState, as annotation: InterchangeAnnotation, tags: [Tag], in body: ScalarText)
        throws -> AnchorPlacement?
    {
        let placed = try AnnotationPlacer(db: db).place([AnnotationSnapshot(state)])[0]
        let exported = AnnotatedArticle.quote(of: placed, in: body)
        let same = [exported.exact, exported.prefix, exported.suffix].map(\.unicodeScalars).elementsEqual(
            [annotation.quote, annotation.prefix, annotation.suffix].map(\.unicodeScalars)) { $0.elementsEqual($1) }
            && placed.placement.range == annotation.scalarRange(in: body)
            && placed.annotation.note.unicodeScalars.elementsEqual(annotation.note.unicodeScalars)
            && Set(placed.annotation.tags) == Set(tags.map(\.name))
        return same ? placed.placement : nil
    }

    /// The fields of `state` that differ from the import: the anchor when the span or
    /// quote moved (not for context alone; only the quote for an orphan, which has no
    /// span, when `keepingSpan`), the note, tags to add and to remove.
    private static func importEdits(of state: EntityState, anchor: Anchor, keepingSpan: Bool, note: String, tags: [Tag])
        -> [FieldName: FieldValue]
    {
        var fields: [FieldName: FieldValue] = [:]
        let current = state.value(.anchor)?.anchor
        let moved = !keepingSpan && (current?.start != anchor.start || current?.end != anchor.end)
        if moved || !(current?.quote.unicodeScalars.elementsEqual(anchor.quote.unicodeScalars) ?? false) {
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
