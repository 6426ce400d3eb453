import Foundation
import GRDB
import MarginaliaCore

/// The tables of a replica file.
///
/// Two layers: the *log* (`changes`, with `knowledge` summarising it and `replica`
/// naming its owner) is the source of truth; every other table is *derived* from it
/// by the merge rules and can be rebuilt from it (`verify` does exactly that). Beside
/// them, *local* tables hold what belongs to this copy of the file alone and is never
/// synced: its identity (private key included) and the peers it trusts.
enum Schema {
    /// `PRAGMA application_id` of every replica file ("MRGN"), so a foreign SQLite
    /// file passed as `--db` is recognised and refused.
    static let applicationID: Int32 = 0x4D52_474E
    /// `PRAGMA user_version`: the format of this file. Format 1 kept the full-text
    /// indexes up to date with triggers, format 2 had `SearchIndex` do it, format 3
    /// kept displayed texts out of a `siblings` table, format 4 keeps an entity's
    /// registers in its row (`StoredRegisters`), format 5 has the search tokenizer fold
    /// `Ð`, `Ɖ` and `ǡ` too (`marginalia_search.h`), format 6 adds the local tables,
    /// format 7 keeps each entity's conflicts as rows of `entity_conflicts` (not a
    /// space-separated column) and checks that `existence` holds an `Existence`, and
    /// format 8 keeps each change's hash and the log's digests (`LogDigests`), format
    /// 9 can mark the full-text indexes as lacking rows (`search_rebuild`, `SearchIndex`),
    /// format 10 flags the annotations that may have moved, indexed (`MayHaveMoved`),
    /// and keeps the counts of visible entities (`VisibleCounts`), and format 11 has the
    /// mark say how far the indexes reach, to build them in steps.
    static let version: Int32 = 11
    /// The format whose derived tables are laid out as now: older files have them rebuilt.
    static let derivedTablesVersion = 7
    /// The format that added the local tables: older files get them, and a new identity.
    static let localTablesVersion = 6
    /// The format that added change hashes and log digests: older files have them computed.
    static let logDigestsVersion = 8
    /// The format that added `may_have_moved`: older files have it computed.
    static let mayHaveMovedVersion = 10
    /// The format that added `visible_counts`: older files have it counted.
    static let visibleCountsVersion = 10
    /// The format whose mark of full-text indexes lacking rows says how far they reach.
    static let searchReachVersion = 11

    /// The statements creating the log tables, and what this replica remembers of others.
    static let logTables = """
        CREATE TABLE replica (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            lamport INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE knowledge (
            replica TEXT PRIMARY KEY,
            counter INTEGER NOT NULL CHECK (counter > 0)
        ) WITHOUT ROWID;
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY,
            replica TEXT NOT NULL,
            counter INTEGER NOT NULL,
            lamport INTEGER NOT NULL,
            time_ms INTEGER NOT NULL,
            entity TEXT NOT NULL,
            payload TEXT NOT NULL,
            hash BLOB NOT NULL,
            UNIQUE (replica, counter)
        );
        CREATE INDEX changes_by_entity ON changes (entity, seq);
        CREATE TABLE log_digests (
            replica TEXT PRIMARY KEY,
            digest BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE replica_names (
            replica TEXT PRIMARY KEY,
            name TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE remote_knowledge (
            replica TEXT PRIMARY KEY,
            knowledge TEXT NOT NULL,
            synced_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE peers (
            name TEXT PRIMARY KEY,
            target TEXT NOT NULL,
            replica TEXT,
            last_sync_ms INTEGER
        ) WITHOUT ROWID;
        """

    /// The statements creating the local tables (`IdentityTable`, `Replica.trust`, the peers
    /// found to have diverged: `Replica.divergences`). A file copied to
    /// another machine keeps them: the copy is the same replica, with the same identity.
    static let localTables = """
        CREATE TABLE IF NOT EXISTS identity (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            private_key BLOB NOT NULL,
            certificate BLOB NOT NULL,
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS trusted_peers (
            fingerprint BLOB PRIMARY KEY,
            name TEXT UNIQUE,
            added_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS divergences (
            replica TEXT PRIMARY KEY,
            local_digest BLOB NOT NULL,
            peer_digest BLOB,
            found_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        """

    /// The statements creating the derived tables. `registers` (`StoredRegisters`) comes
    /// before the texts, so reading it never follows a long body's overflow pages.
    /// `entity_conflicts` holds the conflicts of each entity's own registers
    /// (`EntityState.conflicts`), deleted entities' included: `ConflictQueries` says
    /// which are open.
    static let derivedTables = """
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            registers TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            body_replica TEXT,
            body_counter INTEGER,
            source TEXT,
            existence TEXT NOT NULL CHECK (\(Existence.columnCheck)),
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL
        );
        CREATE TABLE annotations (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            registers TEXT NOT NULL,
            article TEXT,
            start INTEGER,
            "end" INTEGER,
            quote TEXT,
            prefix TEXT,
            suffix TEXT,
            revision_replica TEXT,
            revision_counter INTEGER,
            note TEXT NOT NULL,
            existence TEXT NOT NULL CHECK (\(Existence.columnCheck)),
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL,
            may_have_moved INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX annotations_by_article ON annotations (article, start);
        \(mayHaveMovedIndex)
        CREATE INDEX articles_by_existence ON articles (existence);
        CREATE INDEX annotations_by_existence ON annotations (existence);
        CREATE TABLE entity_conflicts (
            entity TEXT NOT NULL,
            field TEXT NOT NULL,
            PRIMARY KEY (entity, field)
        ) WITHOUT ROWID;
        CREATE TABLE tags (
            tag TEXT NOT NULL,
            entity TEXT NOT NULL,
            PRIMARY KEY (tag, entity)
        ) WITHOUT ROWID;
        CREATE INDEX tags_by_entity ON tags (entity);
        \(searchRebuildTable)
        \(VisibleCounts.table)
        CREATE VIRTUAL TABLE article_search USING fts5(
            title, body, content = 'articles', content_rowid = 'rowid',
            tokenize = 'marginalia remove_diacritics 2');
        CREATE VIRTUAL TABLE note_search USING fts5(
            note, content = 'annotations', content_rowid = 'rowid',
            tokenize = 'marginalia remove_diacritics 2');
        """

    /// One row when the full-text indexes lack rows that a sync left out: the last rowid
    /// of each table they hold, where their build goes on (`SearchIndex.Reach`).
    static let searchRebuildTable = """
        CREATE TABLE IF NOT EXISTS search_rebuild (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            articles_through INTEGER NOT NULL,
            notes_through INTEGER NOT NULL
        );
        """

    /// Only the annotations that may have moved, by article: what listing the doubtful ones reads.
    static let mayHaveMovedIndex = """
        CREATE INDEX IF NOT EXISTS annotations_may_have_moved ON annotations (article) WHERE may_have_moved;
        """

    /// Creates every table in an empty database (the identity is the caller's to add).
    static func create(_ db: Database) throws {
        try db.execute(sql: logTables)
        try db.execute(sql: derivedTables)
        try VisibleCounts(db: db).rebuild()
        try db.execute(sql: localTables)
        try db.execute(sql: "PRAGMA application_id = \(applicationID); PRAGMA user_version = \(version)")
    }

    /// Brings a replica of format `version` to this one, in one transaction: run when a
    /// writable file is opened, and only once it is known to be a replica. Each step
    /// names the format that introduced it, so steps added on other branches renumber
    /// without touching each other.
    static func upgrade(_ db: Database, from version: Int, now: Int64) throws {
        // Rebuilding the derived tables rebuilds their full-text indexes too, with
        // format 5's tokenizer: the step of its own that format 5 had is covered.
        if version < derivedTablesVersion { try rebuildDerivedTables(db) }
        if version < localTablesVersion { try addLocalTables(db, now: now) }
        if version < logDigestsVersion { try addLogDigests(db) }
        if version < mayHaveMovedVersion { try addMayHaveMoved(db) }
        if version < visibleCountsVersion { try addVisibleCounts(db) }
        if version < searchReachVersion { try markSearchReach(db) }
        try db.execute(sql: "PRAGMA user_version = \(Self.version)")
    }

    /// Format 9's mark said only that rows were missing from the indexes, not which:
    /// they are emptied to be built from the first row, in steps like any other build.
    private static func markSearchReach(_ db: Database) throws {
        let stale = try db.tableExists("search_rebuild") && Bool.fetchOne(db, sql: "SELECT 1 FROM search_rebuild") != nil
        try db.execute(sql: "DROP TABLE IF EXISTS search_rebuild")
        try db.execute(sql: searchRebuildTable)
        guard stale else { return }
        for index in ["article_search", "note_search"] {
            try db.execute(sql: "INSERT INTO \(index) (\(index)) VALUES ('delete-all')")
        }
        try db.execute(sql: "INSERT INTO search_rebuild (singleton, articles_through, notes_through) VALUES (1, 0, 0)")
    }

    /// Formats differ in their derived tables, so those are made anew and the log
    /// replayed into them: the same merge that built them in the first place (seconds
    /// for a large replica, once).
    private static func rebuildDerivedTables(_ db: Database) throws {
        // Dropping a table drops its indexes and triggers (format 1 kept the full-text
        // indexes with triggers).
        for table in [
            "article_search", "note_search", "search_rebuild", "siblings", "tags", "entity_conflicts", "visible_counts",
            "articles", "annotations",
        ] {
            try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
        }
        try db.execute(sql: derivedTables)
        try VisibleCounts(db: db).rebuild()
        let applier = ChangeApplier(db: db)
        let payloads = try String.fetchCursor(db, sql: "SELECT payload FROM changes ORDER BY seq")
        while let payload = try payloads.next() {
            try applier.merge(try ChangeLog.decode(payload))
        }
    }

    /// Hashes every stored change and sums the digests, as appending them would have
    /// (one pass over the log, once), and adds the local table of divergences.
    /// (Idempotent, like `addLocalTables`: a file that has the column is hashed again.)
    private static func addLogDigests(_ db: Database) throws {
        if try !db.columns(in: "changes").contains(where: { $0.name == "hash" }) {
            try db.execute(sql: "ALTER TABLE changes ADD COLUMN hash BLOB NOT NULL DEFAULT x''")
        }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS log_digests (replica TEXT PRIMARY KEY, digest BLOB NOT NULL) WITHOUT ROWID
            """)
        try db.execute(sql: localTables)
        // By pages, so that no cursor reads the table while it is updated.
        let update = try db.makeStatement(sql: "UPDATE changes SET hash = ? WHERE seq = ?")
        var last: Int64 = 0
        while true {
            let page = try Row.fetchAll(
                db, sql: "SELECT seq, payload FROM changes WHERE seq > ? ORDER BY seq LIMIT 1000", arguments: [last])
            guard let end = page.last?[0] as Int64? else { break }
            for row in page {
                try update.execute(arguments: [Data(LogDigest(payload: row[1]).bytes), row[0] as Int64])
            }
            last = end
        }
        try LogDigests(db: db).rebuild()
    }

    /// Flags the annotations that may have moved and indexes them (idempotent: derived
    /// tables rebuilt above already have the column, and are flagged again).
    private static func addMayHaveMoved(_ db: Database) throws {
        if try !db.columns(in: "annotations").contains(where: { $0.name == "may_have_moved" }) {
            try db.execute(sql: "ALTER TABLE annotations ADD COLUMN may_have_moved INTEGER NOT NULL DEFAULT 1")
        }
        try MayHaveMoved.refreshAll(in: db)
        try db.execute(sql: mayHaveMovedIndex)
    }

    /// Counts the visible entities (idempotent: derived tables rebuilt above have the
    /// table, and are counted again).
    private static func addVisibleCounts(_ db: Database) throws {
        try db.execute(sql: VisibleCounts.table)
        try VisibleCounts(db: db).rebuild()
    }

    /// A replica made before identities gets its first one, as a new replica does.
    /// (Idempotent, like the `IF NOT EXISTS` of the tables: an identity already there stays.)
    private static func addLocalTables(_ db: Database, now: Int64) throws {
        try db.execute(sql: localTables)
        guard let text = try String.fetchOne(db, sql: "SELECT id FROM replica"), let id = ReplicaID(text) else {
            throw CorruptReplicaError("the replica id is missing")
        }
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM identity") == 0 {
            try IdentityTable(db: db).renew(for: id, now: now)
        }
    }
}
