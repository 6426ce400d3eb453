import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("SearchQuery")
struct SearchQueryTests {
    typealias Term = SearchQuery.Term

    private func parse(_ text: String) throws -> [SearchQuery.Clause] {
        try SearchQuery(parsing: text).clauses
    }

    @Test func wordsPhrasesAndPrefixes() throws {
        #expect(try parse("ha noi") == [.anyOf([Term("ha")]), .anyOf([Term("noi")])])
        #expect(try parse("  \"mực  nước\"   ngập* ") == [.anyOf([Term("mực  nước")]), .anyOf([Term("ngập", isPrefix: true)])])
        #expect(try parse("“Hà Nội”") == [.anyOf([Term("Hà Nội")])])
        #expect(try parse("\"song to\"*") == [.anyOf([Term("song to", isPrefix: true)])])
        // Punctuation inside a word is the word's, for the index to split: never syntax.
        #expect(try parse("Đối-ngoại (twice) AND don\"t") == [
            .anyOf([Term("Đối-ngoại")]), .anyOf([Term("(twice)")]), .anyOf([Term("AND")]), .anyOf([Term("don\"t")]),
        ])
    }

    @Test func orGroupsTheWordsBesideIt() throws {
        #expect(try parse("lu OR lut ha noi") == [.anyOf([Term("lu"), Term("lut")]), .anyOf([Term("ha")]), .anyOf([Term("noi")])])
        #expect(try parse("a OR \"b c\" OR d*") == [.anyOf([Term("a"), Term("b c"), Term("d", isPrefix: true)])])
        // Only upper-case OR is an operator: "or" is a word.
        #expect(try parse("a or b") == [.anyOf([Term("a")]), .anyOf([Term("or")]), .anyOf([Term("b")])])
    }

    @Test func exclusionAndFields() throws {
        #expect(try parse("nuoc -xe -\"duong lang\"") == [
            .anyOf([Term("nuoc")]), .excluded(Term("xe")), .excluded(Term("duong lang")),
        ])
        #expect(try parse("title:lu NOTE:\"do luc\" tag:flood -tag:draft note:ngap*") == [
            .anyOf([Term("lu", field: .title)]), .anyOf([Term("do luc", field: .note)]), .anyOf([Term("flood", field: .tag)]),
            .excluded(Term("draft", field: .tag)), .anyOf([Term("ngap", field: .note, isPrefix: true)]),
        ])
        #expect(try parse("lu tag:a OR tag:b") == [.anyOf([Term("lu")]), .anyOf([Term("a", field: .tag), Term("b", field: .tag)])])
        // An unknown field is part of the word.
        #expect(try parse("http://x") == [.anyOf([Term("http://x")])])
    }

    @Test(arguments: [
        ("\"ha noi", "bad query at column 1: the phrase opened here has no closing quote"),
        ("nuoc \"\"", "bad query at column 6: the phrase here is empty"),
        ("OR lu", "bad query at column 1: OR needs a word before it"),
        ("lu OR", "bad query at column 4: OR needs a word after it"),
        ("lu OR OR lut", "bad query at column 7: OR needs a word before it"),
        ("lu OR -xe", "bad query at column 7: an excluded word cannot be part of OR"),
        ("lu -xe OR ca", "bad query at column 4: an excluded word cannot be part of OR"),
        ("nuoc - xe", "bad query at column 6: '-' needs a word after it, as in -xe"),
        ("nuoc title: lu", "bad query at column 6: 'title:' needs a word after it"),
        ("nuoc -note:", "bad query at column 7: 'note:' needs a word after it"),
        ("nuoc *", "bad query at column 6: a '*' goes at the end of the start of a word, as in ngap*"),
        ("nuoc ngap**", "bad query at column 11: a '*' goes at the end of the start of a word, as in ngap*"),
        ("lu OR tag:flood", "bad query at column 7: tag: can be part of OR only with other tag: words"),
        ("-xe", "bad query: give a word to look for that is neither excluded nor tag:"),
        ("tag:flood", "bad query: give a word to look for that is neither excluded nor tag:"),
        ("   ", "bad query: give a word to look for"),
    ])
    func badSyntaxSaysWhere(text: String, message: String) {
        #expect(throws: SearchQueryError.self) { try SearchQuery(parsing: text) }
        do {
            _ = try SearchQuery(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }

    /// Columns count characters, so a Vietnamese letter is one column however it is stored.
    @Test func columnsCountCharacters() {
        #expect(throws: SearchQueryError(column: 7, "OR needs a word after it")) {
            try SearchQuery(parsing: "Đường OR".decomposedStringWithCanonicalMapping)
        }
    }

    /// Tags are matched outside the index with `FoldedText`, which must fold as the index
    /// does: checked against the decomposition of every Latin letter.
    @Test func tagFoldingTypesEveryLatinLetterAsASCII() {
        #expect(LatinLetters.foldedToASCII.count > 450)
        for letter in LatinLetters.foldedToASCII {
            #expect(FoldedText(String(letter.letter).unicodeScalars).text == letter.typed, "\(letter)")
        }
        #expect(FoldedText("ÐỐI-NGOẠI".unicodeScalars).text == "doi-ngoai")
        #expect(FoldedText("Đối-ngoại".decomposedStringWithCanonicalMapping.unicodeScalars).text == "doi-ngoai")
    }
}
