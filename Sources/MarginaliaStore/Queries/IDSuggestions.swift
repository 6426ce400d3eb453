import GRDB
import MarginaliaCore

/// What someone probably meant by an id that names nothing: visible entities whose id
/// differs from the prefix by one typo (a wrong character, or two swapped), else articles
/// whose title holds what was typed, ignoring case, diacritics and spaces (`hanoi`, or
/// `ha-noi`, names “Hà Nội ngập sâu”, since people type a word when they do not recall an id).
struct IDSuggestions {
    /// The most suggestions listed.
    static let limit = 3

    let db: Database

    /// Each as `ID “title”` (an annotation: `ID “quote”`), the nearest first.
    func suggestions(for typed: String, kind: EntityKind?) throws -> [String] {
        var candidates: [(id: String, label: String)] = []
        if kind != .annotation {
            candidates += try Row.fetchAll(db, sql: "SELECT id, title FROM articles WHERE existence != \(Existence.deleted.sql) ORDER BY id")
                .map { ($0["id"], $0["title"]) }
        }
        if kind != .article {
            candidates += try Row.fetchAll(
                db, sql: "SELECT id, coalesce(quote, '') AS quote FROM annotations WHERE existence != \(Existence.deleted.sql) ORDER BY id"
            ).map { ($0["id"], $0["quote"]) }
        }
        let prefix = Array(typed.lowercased())
        var found = candidates.filter { Self.isOneTypoAway(prefix, Array($0.id.prefix(prefix.count))) }
        if found.isEmpty {
            let words = Self.folded(typed)
            if words.count >= 3 { found = candidates.filter { Self.folded($0.label).contains(words) } }
        }
        return found.prefix(Self.limit).map { "\($0.id.prefix(8)) “\(Self.shortened($0.label))”" }
    }

    /// One character differs, or two neighbours are swapped.
    private static func isOneTypoAway(_ typed: [Character], _ id: [Character]) -> Bool {
        guard typed.count == id.count else { return false }
        let differences = typed.indices.filter { typed[$0] != id[$0] }
        switch differences.count {
        case 1: return true
        case 2: return differences[1] == differences[0] + 1
            && typed[differences[0]] == id[differences[1]] && typed[differences[1]] == id[differences[0]]
        default: return false
        }
    }

    /// Letters and digits only, folded as quotes are (`FoldedText`: no case, no
    /// diacritics, `đ` and `Ð` as `d`).
    private static func folded(_ text: String) -> String {
        String(FoldedText(text.unicodeScalars).text.filter { $0.isLetter || $0.isNumber })
    }

    private static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 40 ? line.prefix(39) + "…" : line
    }
}
