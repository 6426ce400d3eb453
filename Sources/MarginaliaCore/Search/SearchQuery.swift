/// A `search` query, parsed from what people type:
///
///     hà nội          words: all must match
///     "mực nước"      a phrase: these words, in this order
///     ngập*           a prefix
///     lũ OR lụt       either (binds the words on each side)
///     -xe             exclude
///     title:lũ  note:đo  tag:flood   restrict a word, phrase or prefix to a field
///
/// Why a parsed type rather than handing the text to FTS5: FTS5's own syntax turns
/// ordinary punctuation into errors that name its internals, and has no `-word`; the
/// store renders this type as a MATCH expression where every word is a quoted string,
/// so nothing typed can become FTS5 syntax.
public struct SearchQuery: Hashable, Sendable {
    /// Where a term is looked for; `nil` in a `Term` means title, body and notes.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case title, note, tag
    }

    /// One word, phrase or prefix, perhaps restricted to a field.
    public struct Term: Hashable, Sendable {
        public var field: Field?
        /// The word or the words of the phrase, as typed (the index folds case and marks).
        public var text: String
        /// Whether the last word is a prefix (`ngập*`).
        public var isPrefix: Bool

        public init(_ text: String, field: Field? = nil, isPrefix: Bool = false) {
            self.text = text
            self.field = field
            self.isPrefix = isPrefix
        }
    }

    /// What every result satisfies: one of several terms, or not a term.
    public enum Clause: Hashable, Sendable {
        /// At least one of these terms (one term when typed without OR).
        case anyOf([Term])
        case excluded(Term)
    }

    /// Every clause must hold.
    public var clauses: [Clause]

    public init(clauses: [Clause]) {
        self.clauses = clauses
    }

    /// Parses `text`, or says at which column (counted in characters from 1) it cannot be read.
    public init(parsing text: String) throws(SearchQueryError) {
        var clauses: [Clause] = []
        var lexer = SearchQueryLexer(text)
        var items = try lexer.items()[...]
        while let item = items.popFirst() {
            switch item.kind {
            case .or:
                throw SearchQueryError(column: item.column, "OR needs a word before it")
            case .term(let term, excluded: true):
                if let next = items.first, case .or = next.kind {
                    throw SearchQueryError(column: item.column, "an excluded word cannot be part of OR")
                }
                clauses.append(.excluded(term))
            case .term(let term, excluded: false):
                var terms = [term]
                while let or = items.first, case .or = or.kind {
                    items.removeFirst()
                    guard let next = items.popFirst() else {
                        throw SearchQueryError(column: or.column, "OR needs a word after it")
                    }
                    switch next.kind {
                    case .or: throw SearchQueryError(column: next.column, "OR needs a word before it")
                    case .term(_, excluded: true):
                        throw SearchQueryError(column: next.column, "an excluded word cannot be part of OR")
                    case .term(let alternative, excluded: false):
                        if (alternative.field == Field.tag) != (term.field == Field.tag) {
                            throw SearchQueryError(column: next.column, "tag: can be part of OR only with other tag: words")
                        }
                        terms.append(alternative)
                    }
                }
                clauses.append(.anyOf(terms))
            }
        }
        let looksForText = clauses.contains { clause in
            if case .anyOf(let terms) = clause { terms.allSatisfy { $0.field != .tag } } else { false }
        }
        guard looksForText else {
            throw SearchQueryError(
                column: nil, clauses.isEmpty ? "give a word to look for" : "give a word to look for that is neither excluded nor tag:")
        }
        self.clauses = clauses
    }
}
