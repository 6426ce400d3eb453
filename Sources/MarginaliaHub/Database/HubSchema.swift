import PostgresNIO

/// The hub's tables in PostgreSQL, created and upgraded by the hub itself (`hub init`),
/// versioned like a replica file: `hub.schema_version` says which steps have run.
///
/// Only the log and what a session needs: no articles or annotations, no full-text index
/// (clients compute state from the log, as from any peer's); of the state, only each
/// entity's kind, which the receiver's checks need.
enum HubSchema {
    /// Version 1: the meta row, the change log, knowledge with its digests, entities' kinds,
    /// trusted peers, peers' remembered knowledge and divergences.
    static let version = 1

    /// The statements of each step, in order (one statement each: postgres-nio's extended
    /// protocol runs one at a time).
    static let steps: [[String]] = [
        [
            // The hub as a peer: its replica id, name and identity (key and certificate),
            // the same for every hub process on this database.
            """
            CREATE TABLE hub (
                singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                schema_version integer NOT NULL,
                replica text NOT NULL,
                name text NOT NULL,
                private_key bytea NOT NULL,
                certificate bytea NOT NULL,
                created_ms bigint NOT NULL
            )
            """,
            // The log. `accepted` is the order changes became visible in (see `HubLocks.sequencer`),
            // a causal order, and what senders page by; `payload` the canonical JSON sent as is.
            """
            CREATE TABLE changes (
                origin text NOT NULL,
                counter bigint NOT NULL CHECK (counter > 0),
                accepted bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
                lamport bigint NOT NULL,
                payload text NOT NULL,
                hash bytea NOT NULL CHECK (octet_length(hash) = 32),
                PRIMARY KEY (origin, counter)
            )
            """,
            // Per origin: the highest counter held (all below it are held too) and the sum
            // mod 2^256 of those changes' hashes (`LogDigest`). The row is what appending
            // locks (`HubAppend`); a row at 0 holds nothing yet.
            """
            CREATE TABLE knowledge (
                origin text PRIMARY KEY,
                counter bigint NOT NULL CHECK (counter >= 0),
                digest bytea NOT NULL CHECK (octet_length(digest) = 32)
            )
            """,
            // Each entity's kind, the one thing of the state the receiver's checks need
            // (a change treating an article as an annotation is refused, as by a replica).
            """
            CREATE TABLE entities (
                entity text PRIMARY KEY,
                kind text NOT NULL
            )
            """,
            """
            CREATE TABLE trusted_peers (
                fingerprint bytea PRIMARY KEY,
                name text UNIQUE,
                added_ms bigint NOT NULL
            )
            """,
            """
            CREATE TABLE remote_knowledge (
                replica text PRIMARY KEY,
                name text NOT NULL,
                knowledge text NOT NULL,
                synced_ms bigint NOT NULL
            )
            """,
            """
            CREATE TABLE divergences (
                replica text PRIMARY KEY,
                name text NOT NULL,
                local_digest bytea NOT NULL,
                peer_digest bytea,
                found_ms bigint NOT NULL
            )
            """,
        ],
    ]

    /// The schema version of the database `connection` is on: nil when it holds no hub.
    static func installedVersion(on connection: PostgresConnection) async throws -> Int? {
        let exists = try await connection.query("SELECT to_regclass('hub') IS NOT NULL", logger: HubDatabase.log)
            .decode(Bool.self).collected()
        guard exists.first == true else { return nil }
        let rows = try await connection.query("SELECT schema_version FROM hub", logger: HubDatabase.log)
            .decode(Int.self).collected()
        return rows.first
    }

    /// Runs the steps after `installed` (none: a fresh database), inside the caller's transaction.
    static func upgrade(from installed: Int, on connection: PostgresConnection) async throws {
        guard installed <= version else { throw HubError.schemaTooNew(found: installed, supported: version) }
        for step in steps[installed...] {
            for statement in step {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: HubDatabase.log)
            }
        }
    }
}
