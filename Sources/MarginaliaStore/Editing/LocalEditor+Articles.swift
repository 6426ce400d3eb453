import MarginaliaCore

extension LocalEditor {
    /// Adds an article and returns its id. Text is stored in NFC.
    public mutating func addArticle(title: String, body: String, source: String? = nil, tags: [Tag] = []) throws
        -> EntityID
    {
        let title = try Self.validTitle(title)
        let id = try newEntityID()
        var fields: [FieldName: FieldValue] = [
            .alive: .flag(true), .title: .text(title), .body: .text(TextNormalization.nfc(body)),
        ]
        if let source { fields[.source] = .text(TextNormalization.nfc(source)) }
        for tag in tags { fields[.tag(tag.name)] = .flag(true) }
        try record(id, kind: .article, fields: fields)
        return id
    }

    /// `Replica.articles(withSource:)` as this transaction sees it: lets `import`, which
    /// writes a batch of files at a time, refuse a page already imported.
    public func articles(withSource source: String) throws -> [EntityID] {
        try Replica.articles(withSource: source, in: db)
    }

    /// Changes the given fields of an article. A field whose register is conflicted is
    /// written even when its displayed value is unchanged: writing resolves the conflict.
    public mutating func editArticle(_ id: EntityID, title: String? = nil, body: String? = nil, source: String? = nil)
        throws
    {
        let state = try visibleState(id, kind: .article)
        var fields: [FieldName: FieldValue] = [:]
        if let title { fields[.title] = .text(try Self.validTitle(title)) }
        if let body { fields[.body] = .text(TextNormalization.nfc(body)) }
        if let source { fields[.source] = source.isEmpty ? FieldValue.none : .text(TextNormalization.nfc(source)) }
        try recordEdit(of: state, fields: fields)
    }

    /// Replaces `phrase` in the body with `replacement`: the single place it occurs, the
    /// `occurrence`-th (1-based), or every one with `all`. The phrase is looked for as
    /// `annotate` looks for a quote: as typed, else folded (`QuoteLookup`). Returns the
    /// body's text of each place replaced, in order.
    @discardableResult
    public mutating func replace(
        in id: EntityID, phrase: String, with replacement: String, all: Bool, occurrence: Int? = nil
    ) throws -> [String] {
        let state = try visibleState(id, kind: .article)
        let phrase = TextNormalization.nfc(phrase)
        let lookup = QuoteLookup(body: ScalarText(state.value(.body)?.text ?? ""))
        let body = lookup.body
        guard !phrase.isEmpty else { throw ReplicaError.phraseNotFound(phrase, nearMatches: []) }
        let found = lookup.occurrences(of: phrase)
        let places = Self.nonOverlapping(found.ranges)
        guard !places.isEmpty else {
            throw ReplicaError.phraseNotFound(phrase, nearMatches: lookup.nearMatches(of: phrase).map(lookup.excerpt))
        }
        let chosen: [Range<Int>]
        if let occurrence {
            guard places.indices.contains(occurrence - 1) else {
                throw ReplicaError.anchor(.occurrenceOutOfRange(phrase, occurrence: occurrence, count: places.count))
            }
            chosen = [places[occurrence - 1]]
        } else {
            guard all || places.count == 1 else {
                throw ReplicaError.phraseAmbiguous(phrase, occurrences: places.map(lookup.excerpt), folded: found.folded)
            }
            chosen = places
        }
        let replacementScalars = TextNormalization.nfc(replacement).unicodeScalars
        var result = String.UnicodeScalarView()
        var position = 0
        for range in chosen {
            result.append(contentsOf: body.scalars[position..<range.lowerBound])
            result.append(contentsOf: replacementScalars)
            position = range.upperBound
        }
        result.append(contentsOf: body.scalars[position...])
        try recordEdit(of: state, fields: [.body: .text(TextNormalization.nfc(String(result)))])
        return chosen.map(body.text)
    }

    /// Deletes an article and, in the same transaction, each of its visible annotations,
    /// so an annotation added concurrently elsewhere stands out as a conflict.
    public mutating func deleteArticle(_ id: EntityID) throws {
        _ = try visibleState(id, kind: .article)
        for annotation in try AnnotationRows(db: db).ids(onArticle: id) {
            try record(annotation, kind: .annotation, fields: [.alive: .flag(false)])
        }
        try record(id, kind: .article, fields: [.alive: .flag(false)])
    }

    static func validTitle(_ title: String) throws -> String {
        let normalized = TextNormalization.nfc(title).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !normalized.isEmpty else { throw ReplicaError.emptyTitle }
        guard !normalized.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ReplicaError.invalidTitle
        }
        return normalized
    }

    /// Keeps the first of any overlapping occurrences, left to right.
    static func nonOverlapping(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var kept: [Range<Int>] = []
        for range in ranges where kept.last.map({ $0.upperBound <= range.lowerBound }) ?? true {
            kept.append(range)
        }
        return kept
    }
}
