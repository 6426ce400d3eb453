import Foundation
import MarginaliaCore

/// A `SearchQuery` as one full-text index runs it: an FTS5 MATCH expression in which
/// every word is a quoted FTS5 string (so nothing typed is FTS5 syntax), and the tag
/// conditions FTS5 cannot check, as SQL on the entity's id.
struct SearchExpression {
    /// The two full-text indexes: titles and bodies of articles, notes of annotations.
    enum Index {
        case articles, notes
    }

    var match: String
    /// SQL true of the rows that satisfy the query's `tag:` clauses ("1" when it has none).
    var tagCondition: String
    var tagArguments: [String]

    /// Nil when no row of `index` can satisfy `query`: a word required in a field the
    /// index does not hold (`title:` for notes), or a tag no entity has. `entity` is the
    /// SQL naming the row's id; `storedTags` every tag of the replica.
    init?(_ query: SearchQuery, in index: Index, entity: String, storedTags: [String]) {
        var required: [String] = []
        var excluded: [String] = []
        var tagConditions: [String] = []
        var tagArguments: [String] = []
        for clause in query.clauses {
            switch clause {
            case .anyOf(let terms) where terms.first?.field == .tag:
                let tags = TagFilter.tags(matching: terms, among: storedTags)
                guard !tags.isEmpty else { return nil }
                tagConditions.append(TagFilter.condition(entity, tags: tags))
                tagArguments += tags
            case .anyOf(let terms):
                let strings = terms.compactMap { Self.string($0, in: index) }
                guard !strings.isEmpty else { return nil }
                required.append("(" + strings.joined(separator: " OR ") + ")")
            case .excluded(let term) where term.field == .tag:
                let tags = TagFilter.tags(matching: [term], among: storedTags)
                guard !tags.isEmpty else { continue }
                tagConditions.append("NOT " + TagFilter.condition(entity, tags: tags))
                tagArguments += tags
            case .excluded(let term):
                if let string = Self.string(term, in: index) { excluded.append(string) }
            }
        }
        guard !required.isEmpty else { return nil }
        match = required.joined(separator: " AND ")
        if !excluded.isEmpty { match = "(\(match)) NOT (" + excluded.joined(separator: " OR ") + ")" }
        tagCondition = tagConditions.isEmpty ? "1" : tagConditions.joined(separator: " AND ")
        self.tagArguments = tagArguments
    }

    /// The term as an FTS5 string (a phrase when the index splits it into several words),
    /// restricted to its column; nil when `index` has no such column.
    private static func string(_ term: SearchQuery.Term, in index: Index) -> String? {
        let column: String
        switch (term.field, index) {
        case (nil, _), (.note?, .notes): column = ""
        case (.title?, .articles): column = "title : "
        default: return nil
        }
        let quoted = "\"" + TextNormalization.nfc(term.text).replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return column + quoted + (term.isPrefix ? " *" : "")
    }
}
