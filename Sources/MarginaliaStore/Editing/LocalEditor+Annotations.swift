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
        let state = try visibleState(article, kind: .article)
        let body = state.register(.body).winner
        let builder = AnchorBuilder(body: body?.value.text ?? "", revision: body?.dot)
        let anchor: Anchor
        do {
            switch target {
            case .quote(let quote, let occurrence): anchor = try builder.anchor(quote: quote, occurrence: occurrence)
            case .range(let start, let end): anchor = try builder.anchor(start: start, end: end)
            }
        } catch {
            throw ReplicaError.anchor(error)
        }
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

    /// Replaces an annotation's note.
    public mutating func setNote(_ id: EntityID, to note: String) throws {
        let state = try visibleState(id, kind: .annotation)
        try recordEdit(of: state, fields: [.note: .text(TextNormalization.nfc(note))])
    }
}
