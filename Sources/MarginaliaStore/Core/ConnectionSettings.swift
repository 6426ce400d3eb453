import GRDB

/// How a replica's connection caches pages and commits: as SQLite's defaults, except
/// while the replica receives most of its state at once (`bulk`: a sync into a replica
/// far behind, which builds its full-text indexes at the end, `SearchIndex.deferUpdates`).
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

    /// While receiving in bulk: an 8 MiB cache holds most of the id-keyed index pages of
    /// a 20,000-article replica (the syncing process peaked at 83 MiB with it, as with
    /// 2 MiB; 16 MiB was barely faster and peaked at up to 104 MiB, over the 100 MB
    /// bound); the log is checkpointed once it reaches 64 MiB, so a page that
    /// several batches rewrite is copied into the file once; and commits are not synced
    /// to disk one by one. A killed process loses no committed batch that way, and a power
    /// failure can only lose the last ones, never leave the file corrupt (SQLite's
    /// guarantee for a write-ahead log under `synchronous = NORMAL`); a resumed sync sends
    /// them again. `finishIntegrating` sets the ordinary settings back before its first
    /// commit, which syncs every batch before it.
    static let bulk = ConnectionSettings(cacheKiB: 8 * 1_024, checkpointPages: 16_384, syncsEachCommit: false)

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
