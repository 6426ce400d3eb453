import Foundation
import GRDB
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

@Suite("search in the store")
struct StoreSearchTests {
    private func found(_ replica: Replica, _ query: String) throws -> [EntityID] {
        try replica.search(try SearchQuery(parsing: query), limit: 5000).map(\.article)
    }

    /// The index and the query fold alike: every Latin letter whose decomposition starts
    /// with an ASCII letter is found by that letter, and `Đ`'s look-alikes by "d".
    @Test func everyLatinLetterIsFoundAsTyped() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("laptop", in: directory)
        let letters = LatinLetters.foldedToASCII
        let ids = try replica.edit { editor in
            try letters.map { letter in
                try editor.addArticle(title: "q\(letter.letter)q", body: "z\(letter.letter)z")
            }
        }
        var missed: [String] = []
        for (letter, id) in zip(letters, ids) {
            let title = try found(replica, "title:q\(letter.typed)q")
            let body = try found(replica, "z\(letter.typed)z*")
            // Typed as the letter itself, the query is folded the same way.
            let itself = try found(replica, "\"q\(letter.letter)q\"")
            if !title.contains(id) || !body.contains(id) || !itself.contains(id) { missed.append("\(letter)") }
        }
        #expect(missed.isEmpty, "\(missed)")
    }

    /// Format 4 indexed with a tokenizer that left `Ð` alone: opening such a replica for
    /// writing builds both full-text indexes again.
    @Test func upgradingFromFormatFourRebuildsTheIndexes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("old.db")
        let replica = try Replica.open(at: path)
        let article = try replica.edit { try $0.addArticle(title: "ÐƯỜNG LÁNG", body: "Nước ngập nửa bánh xe.") }
        let note = try replica.edit { try $0.annotate(article, at: .quote("bánh xe", occurrence: nil), note: "Ðo lúc 6 giờ") }
        try Replica.connect(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO article_search (article_search) VALUES ('delete-all');
                INSERT INTO note_search (note_search) VALUES ('delete-all');
                PRAGMA user_version = 4;
                """)
        }
        #expect(try found(replica, "duong").isEmpty)

        let upgraded = try Replica.open(at: path)
        let version = try Replica.connect(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == Int(Schema.version))
        #expect(try found(upgraded, "duong lang") == [article])
        #expect(try upgraded.search(try SearchQuery(parsing: "note:do")).first?.notes.map(\.id) == [note])
        #expect(try upgraded.verify().isConsistent)
    }

    @Test func queryLanguage() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("laptop", in: directory)
        let flood = try replica.edit {
            try $0.addArticle(title: "Hà Nội ngập sâu", body: "Mực nước sông Tô Lịch dâng cao, ÐƯỜNG Láng ngập nửa bánh xe.",
                              tags: [Tag("Đối-ngoại")!])
        }
        let bridge = try replica.edit { try $0.addArticle(title: "Cầu Long Biên", body: "Xe qua cầu chậm vì mưa lớn.") }
        let note = try replica.edit {
            try $0.annotate(bridge, at: .quote("mưa lớn", occurrence: nil), note: "Đo mực nước lúc 6 giờ", tags: [Tag("Lũ")!])
        }
        #expect(try found(replica, "ha noi") == [flood])
        #expect(try found(replica, "\"nuoc song\"") == [flood])
        #expect(try found(replica, "\"song nuoc\"").isEmpty)
        #expect(try found(replica, "ngap*") == [flood])
        #expect(Set(try found(replica, "lich OR bien")) == [flood, bridge])
        #expect(try found(replica, "xe -lang") == [bridge])
        #expect(try found(replica, "xe -\"duong lang\"") == [bridge])
        #expect(try found(replica, "title:cau") == [bridge])
        #expect(try found(replica, "title:xe").isEmpty)
        #expect(try found(replica, "note:muc") == [bridge])
        #expect(Set(try found(replica, "muc nuoc")) == [flood, bridge])
        #expect(try found(replica, "nuoc tag:doi-ngoai") == [flood])
        #expect(try found(replica, "nuoc tag:DOI*") == [flood])
        #expect(try found(replica, "nuoc -tag:doi-ngoai") == [bridge])
        #expect(try found(replica, "nuoc tag:lu") == [bridge])
        #expect(try found(replica, "nuoc tag:nothing").isEmpty)

        let results = try replica.search(try SearchQuery(parsing: "mua OR nuoc"), highlight: ("<", ">"))
        let onBridge = try #require(results.first { $0.article == bridge })
        #expect(onBridge.title == "Cầu Long Biên")
        #expect(onBridge.snippet == "Xe qua cầu chậm vì <mưa> lớn.")
        #expect(onBridge.notes.map(\.id) == [note])
        #expect(onBridge.notes.first?.snippet == "Đo mực <nước> lúc 6 giờ")
        // Only its note matched: no passage of the article.
        let noteOnly = try replica.search(try SearchQuery(parsing: "gio"))
        #expect(noteOnly.map(\.article) == [bridge] && noteOnly.first?.snippet == nil)
        // Operators and punctuation people type are never FTS5 syntax.
        #expect(try found(replica, "\"AND\" NOT (x) NEAR/2 col:x ^x").isEmpty)
    }
}
