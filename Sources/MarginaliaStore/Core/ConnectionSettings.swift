import GRDB

/// How a replica's connection caches pages and commits: as SQLite's defaults, except
/// while the replica receives most of its state at once (`bulk`: a sync into a replica
/// far behind, which builds its full-text indexes at the end, `SearchIndex.deferUpdates`)
/// or writes a great many rows in one transaction (`largeEdit`: an import).
///
/// Why a bulk setting: entity ids are random, so each batch of an initial sync writes
/// rows at random places of every index on them (`changes_by_entity`, the ids of
/// articles and annotations, annotations by article, tags) and dirties pages all over
/// those indexes. With the default 2 MiB page cache, those pages were read back from the
/// file again and again (a quarter of the writer's time was the kernel copying pages),
/// each commit synced the write-ahead log to disk, and nearly every commit checkpointed
/// it, copying the same pages into the database file once per batch.
struct ConnectionSettings: Equatable {
    /// The page cache, in KiB.
    var cacheKiB: Int
    /// The write-ahead log's size, in pages, past which a commit checkpoints it.
    var checkpointPages: Int
    /// Whether each commit syncs the write-ahead log to disk (`synchronous = FULL`), or
    /// only checkpoints do (`NORMAL`).
    var syncsEachCommit: Bool

    /// SQLite's defaults (Debian's build, set explicitly so that every platform agrees).
    static let ordinary = ConnectionSettings(cacheKiB: 2_000, checkpointPages: 1_000, syncsEachCommit: true)

    /// While receiving in bulk into a replica of `pages` pages: a cache of a sixteenth of
    /// a KiB per page (1/64 of the file), from 8 MiB to 32 MiB, since the id-keyed index
    /// pages a batch writes at random grow with the replica. 8 MiB holds most of them at
    /// 20,000 articles (the syncing process peaks at about 80 MiB with it; 16 MiB was no
    /// faster there, and over the 100 MB bound); ten times larger, the 32 MiB cap keeps
    /// the process under its 150 MB bound. The log is checkpointed once it reaches
    /// 64 MiB, so a page that several batches rewrite is copied into the file once; and
    /// commits are not synced to disk one by one. A killed process loses no committed
    /// batch that way, and a power failure can only lose the last ones, never leave the
    /// file corrupt (SQLite's guarantee for a write-ahead log under `synchronous =
    /// NORMAL`); a resumed sync sends them again. `finishIntegrating` sets the ordinary
    /// settings back before its first commit, which syncs every batch before it.
    static func bulk(pages: Int) -> ConnectionSettings {
        ConnectionSettings(
            cacheKiB: min(max(pages / 16, 8 * 1_024), 32 * 1_024), checkpointPages: 16_384, syncsEachCommit: false)
    }

    /// One transaction writing a great many rows (`Replica.bulkEdit`, an import): a
    /// 16 MiB cache, which holds the id-keyed indexes such a transaction writes at random
    /// (entity ids, `changes_by_entity`: about 12 MB at 200,000 articles), where SQLite's
    /// 2 MiB kept reading them back and spilling them to the log. Its one commit is
    /// synced as an ordinary one.
    static let largeEdit = ConnectionSettings(cacheKiB: 16 * 1_024, checkpointPages: 1_000, syncsEachCommit: true)

    /// The page count of the replica `db` is connected to.
    static func pages(of db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
    }

    /// Sets the connection so, outside any transaction (SQLite refuses to change
    /// `synchronous` inside one).
    func apply(to db: Database) throws {
        try db.execute(sql: """
            PRAGMA cache_size = -\(cacheKiB);
            PRAGMA wal_autocheckpoint = \(checkpointPages);
            PRAGMA synchronous = \(syncsEachCommit ? "FULL" : "NORMAL");
            """)
    }
}
