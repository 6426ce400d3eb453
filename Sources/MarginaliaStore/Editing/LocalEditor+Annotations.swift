import MarginaliaCore

extension LocalEditor {
    /// Where in an article a new annotation goes.
    public enum Target: Sendable {
        /// The `occurrence`-th (1-based) place the quote occurs; without it the quote must be unique.
        case quote(String, occurrence: Int?)
        /// Unicode-scalar offsets into the NFC body.
        case range(start: Int, end: Int)
    }

    /// Annotates a span of an article's current body and returns the annotation's id.
    public mutating func annotate(_ article: EntityID, at target: Target, note: String = "", tags: [Tag] = []) throws
        -> EntityID
    {
        let anchor = try anchor(on: try visibleState(article, kind: .article), at: target)
        let id = try newEntityID()
        try record(id, kind: .annotation, fields: Self.annotationFields(article, anchor, note, tags))
        return id
    }

    /// Every field of a new annotation (an import brings one in under its own id).
    static func annotationFields(_ article: EntityID, _ anchor: Anchor, _ note: String, _ tags: [Tag])
        -> [FieldName: FieldValue]
    {
        var fields: [FieldName: FieldValue] = [
            .alive: .flag(true), .article: .reference(article), .anchor: .anchor(anchor),
            .note: .text(TextNormalization.nfc(note)),
        ]
        for tag in tags { fields[.tag(tag.name)] = .flag(true) }
        return fields
    }

    /// Anchors an annotation again, by hand, against its article's current body: for
    /// one that re-anchoring orphaned or placed doubtfully. Bad targets are refused as
    /// `annotate` refuses them.
    public mutating func reanchor(_ id: EntityID, at target: Target) throws {
        let state = try visibleState(id, kind: .annotation)
        guard let article = state.value(.article)?.reference else {
            throw ReplicaError.unacceptableChange("annotation \(id) belongs to no article")
        }
        let anchor = try anchor(on: try visibleState(article, kind: .article), at: target)
        try recordEdit(of: state, fields: [.anchor: .anchor(anchor)])
    }

    /// An anchor on the displayed body of `article`, made against that body's revision.
    private func anchor(on article: EntityState, at target: Target) throws -> Anchor {
        let body = article.register(.body).winner
        let builder = AnchorBuilder(body: body?.value.text ?? "", revision: body?.dot)
        do {
            switch target {
            case .quote(let quote, let occurrence): return try builder.anchor(quote: quote, occurrence: occurrence)
            case .range(let start, let end): return try builder.anchor(start: start, end: end)
            }
        } catch {
            throw ReplicaError.anchor(error)
        }
    }

    /// Replaces an annotation's note.
    public mutating func setNote(_ id: EntityID, to note: String) throws {
        let state = try visibleState(id, kind: .annotation)
        try recordEdit(of: state, fields: [.note: .text(TextNormalization.nfc(note))])
    }
}
