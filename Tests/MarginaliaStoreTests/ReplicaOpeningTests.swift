import Foundation
import GRDB
import MarginaliaCore
import Testing
@testable import MarginaliaStore

@Suite struct ReplicaOpeningTests {
    @Test func createsAPrivateReplicaOnFirstUseAndReopensIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("new.db")
        let created = try Replica.open(at: path, creation: .ifMissing(name: "laptop"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try created.name() == "laptop")
        let reopened = try Replica.open(at: path, creation: .never)
        #expect(reopened.id == created.id)
        #expect(try reopened.status().changes == 0)
    }

    @Test func requiredCreationRefusesAnExistingReplica() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("r.db")
        let replica = try Replica.open(at: path, creation: .required(name: nil))
        #expect(throws: ReplicaError.alreadyInitialized(path: path, id: replica.id)) {
            try Replica.open(at: path, creation: .required(name: nil))
        }
    }

    @Test func refusesAMissingFileWhenNotCreating() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing.db")
        #expect(throws: ReplicaError.cannotOpen(path: path, reason: "no such file")) {
            try Replica.open(at: path, creation: .never)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func refusesAFileThatIsNotSQLite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("notes.txt")
        try Data(String(repeating: "plain text, not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ReplicaError.notAReplica(path: path, reason: "not a SQLite database")) {
            try Replica.open(at: path)
        }
    }

    @Test func refusesASQLiteDatabaseOfAnotherApplication() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("other.db")
        let other = try Replica.connect(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: ReplicaError.notAReplica(path: path, reason: "a SQLite database of another application")) {
            try Replica.open(at: path)
        }
    }

    @Test func refusesANewerFormat() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("future.db")
        _ = try Replica.open(at: path)
        try Replica.connect(path: path).write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        #expect(throws: ReplicaError.unsupportedFormat(path: path, version: 99)) { try Replica.open(at: path) }
    }

    /// Format 1 kept the full-text indexes with triggers; opening such a file for
    /// writing drops them (`SearchIndex` does their work), so no row is indexed twice.
    @Test func upgradesAFormatOneReplica() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("old.db")
        let replica = try Replica.open(at: path)
        let article = try replica.edit { try $0.addArticle(title: "Lũ sông Hồng", body: "Mực nước lên nhanh.") }
        try Replica.connect(path: path).write { db in
            try db.execute(sql: """
                CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
                    INSERT INTO article_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
                END;
                CREATE TRIGGER articles_search_update AFTER UPDATE OF title, body ON articles
                WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
                    INSERT INTO article_search (article_search, rowid, title, body)
                        VALUES ('delete', old.rowid, old.title, old.body);
                    INSERT INTO article_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
                END;
                PRAGMA user_version = 1;
                """)
        }

        let upgraded = try Replica.open(at: path)
        try upgraded.edit { try $0.editArticle(article, body: "Mực nước đã xuống.") }
        try upgraded.edit { _ = try $0.addArticle(title: "Cầu Long Biên", body: "Xe qua cầu.") }
        let (version, triggers) = try Replica.connect(path: path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"))
        }
        #expect(version == 3 && triggers == 0)
        #expect(try upgraded.verify().isConsistent)
        #expect(try upgraded.search("xuong").map(\.id) == [article])
        #expect(try upgraded.search("len nhanh").isEmpty)
        #expect(try upgraded.search("cau").count == 1)
    }

    /// Format 2 repeated every text in `siblings`; opening such a file for writing keeps
    /// only the texts that lost a conflict there, and the merged state is unchanged.
    @Test func upgradesAFormatTwoReplica() throws {
        let directory = try TemporaryDirectory()
        let laptop = try ReplicaFixtures.replica("laptop", in: directory)
        let office = try ReplicaFixtures.replica("office", in: directory)
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        let note = try laptop.edit { try $0.annotate(article, at: .quote("sông Tô Lịch", occurrence: nil), note: "Đo") }
        try ReplicaFixtures.exchange(laptop, office)
        // Titles written at the same Lamport time (the replica id picks the displayed
        // one); office's body one later (its Lamport time does).
        try laptop.edit { try $0.editArticle(article, title: "Mưa lũ ở Hà Nội") }
        try laptop.edit { try $0.editArticle(article, body: "Nước rút dần.") }
        try office.edit { try $0.editArticle(article, title: "Hà Nội ngập") }
        try office.edit { try $0.setNote(note, to: "Đo mực nước") }
        try office.edit { try $0.editArticle(article, body: "Mưa tiếp tục…") }
        try ReplicaFixtures.exchange(laptop, office)
        let state = try ReplicaFixtures.state(of: laptop)
        let conflicts = try laptop.conflicts()
        #expect(conflicts.map(\.field) == [.body, .title])

        // The same file as format 2 wrote it: every value in a rowid table.
        try Replica.connect(path: laptop.path).write { db in
            try db.execute(sql: """
                ALTER TABLE siblings RENAME TO siblings_format3;
                CREATE TABLE siblings (
                    entity TEXT NOT NULL, field TEXT NOT NULL, replica TEXT NOT NULL, counter INTEGER NOT NULL,
                    lamport INTEGER NOT NULL, value, UNIQUE (entity, field, replica, counter));
                INSERT INTO siblings SELECT s.entity, s.field, s.replica, s.counter, s.lamport, coalesce(s.value,
                    CASE s.field WHEN 'title' THEN a.title WHEN 'body' THEN a.body WHEN 'note' THEN n.note END)
                FROM siblings_format3 s LEFT JOIN articles a ON a.id = s.entity LEFT JOIN annotations n ON n.id = s.entity;
                DROP TABLE siblings_format3;
                PRAGMA user_version = 2;
                """)
        }
        let nulls = "SELECT count(*) FROM siblings WHERE value IS NULL AND field IN ('title', 'body', 'note')"
        #expect(try Replica.connect(path: laptop.path).read { try Int.fetchOne($0, sql: nulls) } == 0)

        let upgraded = try Replica.open(at: laptop.path, clock: FixedClock())
        let (version, table, elided) = try Replica.connect(path: laptop.path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'siblings'"),
             try Int.fetchOne(db, sql: nulls))
        }
        #expect(version == 3 && table?.hasSuffix("WITHOUT ROWID") == true)
        // One displayed text per text register: title, body and note.
        #expect(elided == 3)
        #expect(try ReplicaFixtures.state(of: upgraded) == state)
        #expect(try upgraded.conflicts() == conflicts)
        #expect(try upgraded.verify().isConsistent)
        try upgraded.edit { try $0.editArticle(article, title: "Lũ ở Hà Nội", body: "Nước đã rút.") }
        try ReplicaFixtures.exchange(upgraded, office)
        #expect(try ReplicaFixtures.state(of: upgraded) == ReplicaFixtures.state(of: office))
        #expect(try office.conflicts().isEmpty)
    }

    @Test func refusesUnusableNames() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: ReplicaError.invalidName("   ")) {
            try Replica.open(at: directory.file("a.db"), creation: .required(name: "   "))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("a.db")))
    }
}
