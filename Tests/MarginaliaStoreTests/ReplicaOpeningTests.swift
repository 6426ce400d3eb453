import Foundation
import GRDB
import MarginaliaCore
@testable import MarginaliaStore
import MarginaliaTestSupport
import Testing

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
        #expect(version == Int(Schema.version) && triggers == 0)
        #expect(try upgraded.verify().isConsistent)
        #expect(try upgraded.search(try SearchQuery(parsing: "xuong")).map(\.article) == [article])
        #expect(try upgraded.search(try SearchQuery(parsing: "len nhanh")).isEmpty)
        #expect(try upgraded.search(try SearchQuery(parsing: "cau")).count == 1)
    }

    /// Format 3 kept registers in a `siblings` table; opening such a file for writing
    /// makes the derived tables anew from the log, and the merged state is unchanged.
    @Test func upgradesAFormatThreeReplica() throws {
        let directory = try TemporaryDirectory()
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        let note = try laptop.edit { try $0.annotate(article, at: .quote("sông Tô Lịch", occurrence: nil), note: "Đo") }
        try ReplicaFixtures.exchange(laptop, office)
        try laptop.edit { try $0.editArticle(article, title: "Mưa lũ ở Hà Nội") }
        try office.edit { try $0.editArticle(article, title: "Hà Nội ngập") }
        try office.edit { try $0.setNote(note, to: "Đo mực nước") }
        try ReplicaFixtures.exchange(laptop, office)
        let state = try ReplicaFixtures.state(of: laptop)
        let conflicts = try laptop.conflicts()
        #expect(conflicts.map(\.field) == [.title])

        // The same file as format 3 laid it out: no `registers` column, a `siblings` table.
        try Replica.connect(path: laptop.path).write { db in
            try db.execute(sql: """
                ALTER TABLE articles DROP COLUMN registers;
                ALTER TABLE annotations DROP COLUMN registers;
                CREATE TABLE siblings (
                    entity TEXT NOT NULL, field TEXT NOT NULL, replica TEXT NOT NULL, counter INTEGER NOT NULL,
                    lamport INTEGER NOT NULL, value, PRIMARY KEY (entity, field, replica, counter)) WITHOUT ROWID;
                PRAGMA user_version = 3;
                """)
        }

        let upgraded = try Replica.open(at: laptop.path, clock: SteppingClock())
        let (version, siblings) = try Replica.connect(path: laptop.path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE name = 'siblings'"))
        }
        #expect(version == Int(Schema.version) && siblings == 0)
        #expect(try ReplicaFixtures.state(of: upgraded) == state)
        #expect(try upgraded.conflicts() == conflicts)
        #expect(try upgraded.verify().isConsistent)
        #expect(try upgraded.search(try SearchQuery(parsing: "to lich")).map(\.article) == [article])
        try upgraded.edit { try $0.editArticle(article, title: "Lũ ở Hà Nội") }
        try ReplicaFixtures.exchange(upgraded, office)
        #expect(try ReplicaFixtures.state(of: upgraded) == ReplicaFixtures.state(of: office))
        #expect(try office.conflicts().isEmpty)
    }

    /// Format 6 kept an entity's conflicted fields in a space-separated `conflicts` column;
    /// opening such a file for writing makes the derived tables anew, with the conflicts
    /// as rows of `entity_conflicts`, and the merged state and the conflicts are unchanged.
    @Test func upgradesAFormatSixReplica() throws {
        let directory = try TemporaryDirectory()
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        let other = try laptop.edit { try $0.addArticle(title: "Cầu Long Biên", body: "Cầu bắc qua sông Hồng.") }
        try ReplicaFixtures.exchange(laptop, office)
        try laptop.edit { try $0.editArticle(article, title: "Mưa lũ ở Hà Nội", body: "Nước rút dần.") }
        try laptop.edit { try $0.deleteArticle(other) }
        try office.edit { try $0.editArticle(article, title: "Hà Nội ngập", body: "Mưa tiếp tục…") }
        try office.edit { try $0.editArticle(other, title: "Cầu cũ") }
        try ReplicaFixtures.exchange(laptop, office)
        let state = try ReplicaFixtures.state(of: laptop)
        let conflicts = try laptop.conflicts()
        #expect(conflicts.count == 3)

        // The same file as format 6 laid it out: a `conflicts` column, no `entity_conflicts`.
        try Replica.connect(path: laptop.path).write { db in
            try db.execute(sql: """
                ALTER TABLE articles ADD COLUMN conflicts TEXT NOT NULL DEFAULT '';
                ALTER TABLE annotations ADD COLUMN conflicts TEXT NOT NULL DEFAULT '';
                UPDATE articles SET conflicts = 'body title' WHERE id = '\(article)';
                DROP TABLE entity_conflicts;
                PRAGMA user_version = 6;
                """)
        }

        let upgraded = try Replica.open(at: laptop.path, clock: SteppingClock())
        let (version, rows) = try Replica.connect(path: laptop.path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"), try Int.fetchOne(db, sql: "SELECT count(*) FROM entity_conflicts"))
        }
        #expect(version == Int(Schema.version) && rows == 3)
        #expect(try ReplicaFixtures.state(of: upgraded) == state)
        #expect(try upgraded.conflicts() == conflicts)
        #expect(try upgraded.status().openConflicts == 3)
        #expect(try upgraded.verify().isConsistent)
    }

    /// Format 4 had no local tables; opening such a file for writing gives the replica
    /// its first identity, and its log and merged state are unchanged.
    @Test func upgradesAFormatFourReplicaWithAnIdentity() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("old.db")
        let replica = try Replica.open(at: path)
        let article = try replica.edit { try $0.addArticle(title: "Cầu Long Biên", body: ReplicaFixtures.vietnameseBody) }
        let state = try ReplicaFixtures.state(of: replica)
        try Replica.connect(path: path).write { db in
            try db.execute(sql: "DROP TABLE identity; DROP TABLE trusted_peers; PRAGMA user_version = 4")
        }

        let upgraded = try Replica.open(at: path, clock: SteppingClock(start: 1_796_000_000_000))
        let (version, tables) = try Replica.connect(path: path).read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version"),
             try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_schema WHERE name IN ('identity', 'trusted_peers') ORDER BY name
                """))
        }
        #expect(version == Int(Schema.version) && tables == ["identity", "trusted_peers"])
        let identity = try upgraded.identityInfo()
        #expect(identity.created == 1_796_000_000_000)
        #expect(try upgraded.identity().fingerprint == identity.fingerprint)
        #expect(try upgraded.trustedPeers().isEmpty)
        #expect(try ReplicaFixtures.state(of: upgraded) == state)
        #expect(try upgraded.verify().isConsistent)
        #expect(try upgraded.search(try SearchQuery(parsing: "long bien")).map(\.article) == [article])

        // Upgraded once: the identity stays from then on.
        #expect(try Replica.open(at: path).identityInfo() == identity)
    }

    @Test func refusesUnusableNames() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: ReplicaError.invalidName("   ")) {
            try Replica.open(at: directory.file("a.db"), creation: .required(name: "   "))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("a.db")))
    }

    /// Format 7 had no change hashes; opening such a file for writing hashes its log,
    /// and the digests are those the same changes give when appended one by one.
    @Test func upgradesAFormatSevenReplicaWithLogDigests() throws {
        let directory = try TemporaryDirectory()
        let laptop = try Replica.fixture("laptop", in: directory)
        let office = try Replica.fixture("office", in: directory)
        let article = try laptop.edit { try $0.addArticle(title: "Mưa lũ", body: ReplicaFixtures.vietnameseBody) }
        _ = try laptop.edit { try $0.annotate(article, at: .quote("sông Tô Lịch", occurrence: nil), note: "Đo") }
        _ = try office.edit { try $0.addArticle(title: "Cầu Long Biên", body: "Xe qua cầu.") }
        try ReplicaFixtures.exchange(laptop, office)
        let digest = try laptop.logDigest()
        #expect(try office.logDigest() == digest)
        #expect(digest != .zero)
        let common = try laptop.knowledge()
        #expect(try laptop.logDigest(covering: common) == digest)

        try Replica.connect(path: laptop.path).write { db in
            try db.execute(sql: """
                ALTER TABLE changes DROP COLUMN hash; DROP TABLE log_digests; DROP TABLE divergences;
                PRAGMA user_version = 7;
                """)
        }
        let upgraded = try Replica.open(at: laptop.path, clock: SteppingClock())
        #expect(try upgraded.logDigest() == digest)
        #expect(try upgraded.verify().isConsistent)
        #expect(try upgraded.divergences().isEmpty)
    }

    /// The digest of a part of the log (a knowledge vector below the replica's) is the
    /// whole less the changes past it, and a part it does not hold has none.
    @Test func theDigestOfAPartOfTheLog() throws {
        let directory = try TemporaryDirectory()
        let replica = try Replica.fixture("laptop", in: directory)
        _ = try replica.edit { try $0.addArticle(title: "Một", body: "") }
        let first = try replica.logDigest()
        _ = try replica.edit { try $0.addArticle(title: "Hai", body: "") }
        #expect(try replica.logDigest(covering: VersionVector([replica.id: 1])) == first)
        #expect(try replica.logDigest(covering: VersionVector([replica.id: 3])) == nil)
        #expect(try replica.logDigests(of: [CounterRange(replica: replica.id, from: 1, to: 1)]) == [first])
        #expect(try replica.logDigests(of: [CounterRange(replica: replica.id, from: 2, to: 3)]) == nil)
    }
}
