/// Cuts a search query into its terms and `OR`s, with the column each starts at.
/// `SearchQuery` then groups them.
struct SearchQueryLexer {
    struct Item {
        enum Kind {
            case term(SearchQuery.Term, excluded: Bool)
            case or
        }

        var kind: Kind
        var column: Int
    }

    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(TextNormalization.nfc(text))
    }

    /// Straight and curly quotes both delimit a phrase, as people type either.
    private static let openingQuotes: Set<Character> = ["\"", "\u{201C}", "\u{201E}"]
    private static let closingQuotes: Set<Character> = ["\"", "\u{201D}", "\u{201C}"]

    mutating func items() throws(SearchQueryError) -> [Item] {
        var items: [Item] = []
        while true {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            guard index < characters.count else { return items }
            items.append(try item())
        }
    }

    private var column: Int { index + 1 }
    private var atEndOfWord: Bool { index >= characters.count || characters[index].isWhitespace }

    private mutating func item() throws(SearchQueryError) -> Item {
        let start = column
        let excluded = characters[index] == "-"
        if excluded {
            index += 1
            if atEndOfWord { throw SearchQueryError(column: start, "'-' needs a word after it, as in -xe") }
        }
        let field = self.field()
        if let field, atEndOfWord {
            throw SearchQueryError(column: column - field.rawValue.count - 1, "'\(field.rawValue):' needs a word after it")
        }
        if Self.openingQuotes.contains(characters[index]) {
            let phrase = try phrase()
            let isPrefix = index < characters.count && characters[index] == "*"
            if isPrefix { index += 1 }
            return Item(kind: .term(SearchQuery.Term(phrase, field: field, isPrefix: isPrefix), excluded: excluded), column: start)
        }
        var word = ""
        while !atEndOfWord {
            word.append(characters[index])
            index += 1
        }
        if word == "OR", !excluded, field == nil { return Item(kind: .or, column: start) }
        let isPrefix = word.hasSuffix("*")
        if isPrefix { word.removeLast() }
        guard !word.isEmpty, !word.hasSuffix("*") else {
            throw SearchQueryError(column: column - 1, "a '*' goes at the end of the start of a word, as in ngap*")
        }
        return Item(kind: .term(SearchQuery.Term(word, field: field, isPrefix: isPrefix), excluded: excluded), column: start)
    }

    /// `title:`, `note:` or `tag:` (any case) at `index`, consumed; nil, consuming nothing, otherwise.
    private mutating func field() -> SearchQuery.Field? {
        for field in SearchQuery.Field.allCases {
            let end = index + field.rawValue.count + 1
            if end <= characters.count, String(characters[index..<end]).lowercased() == field.rawValue + ":" {
                index = end
                return field
            }
        }
        return nil
    }

    /// The words between the quote at `index` and its closing quote, consumed.
    private mutating func phrase() throws(SearchQueryError) -> String {
        let opening = column
        index += 1
        var words = ""
        while index < characters.count, !Self.closingQuotes.contains(characters[index]) {
            words.append(characters[index])
            index += 1
        }
        guard index < characters.count else {
            throw SearchQueryError(column: opening, "the phrase opened here has no closing quote")
        }
        index += 1
        guard words.contains(where: { !$0.isWhitespace }) else {
            throw SearchQueryError(column: opening, "the phrase here is empty")
        }
        return words
    }
}
