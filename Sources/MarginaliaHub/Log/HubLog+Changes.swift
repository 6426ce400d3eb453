import Foundation
import MarginaliaCore
import PostgresNIO

extension HubLog {
    /// Checks and appends a received batch in one transaction (`HubAppend`): all of it,
    /// or, at the first refusal (`IntegrationError`), none of it.
    @discardableResult
    public func integrate(_ changes: [PreparedChange]) async throws -> IntegrationSummary {
        try await HubAppend(hub: id).append(changes, to: database)
    }

    /// The payload bytes after which a page ends: a session holds its page while its
    /// client reads it, so a page of 1,000 long articles (or of changes up to the 16 MiB
    /// line limit) would multiply by the clients served at once.
    public static let pageBytes = 1 << 20

    /// One page of the changes `knowledge` does not cover, in accepted order (a causal
    /// order), after position `position` (0 for the start): their payloads as stored and
    /// the position to continue from; at most `limit` changes, ending once they hold
    /// `pageBytes` (at least one). Each page is its own statement, so no transaction
    /// stays open while a client reads slowly; `accepted` numbers become visible in order
    /// (`HubAppend`), so no page passes a change that commits later.
    public func changePage(notCoveredBy knowledge: VersionVector, after position: Int64, limit: Int) async throws
        -> (payloads: [String], next: Int64)
    {
        let origins = knowledge.sortedEntries.map(\.replica.rawValue)
        let counters = knowledge.sortedEntries.map { Int64($0.counter) }
        return try await database.connection { connection in
            var start = position
            if position == 0 {
                // The first change the peer lacks, found through the primary key, so that an
                // incremental sync reads only the tail of a long log.
                let first = try await connection.query("""
                    SELECT min(c.accepted) FROM knowledge h
                    LEFT JOIN unnest(\(origins)::text[], \(counters)::bigint[]) AS peer (origin, counter) ON peer.origin = h.origin
                    JOIN changes c ON c.origin = h.origin AND c.counter = coalesce(peer.counter, 0) + 1
                    WHERE h.counter > coalesce(peer.counter, 0)
                    """, logger: HubDatabase.log).decode(Int64?.self).collected()
                guard let found = first.first ?? nil else { return ([], position) }
                start = found - 1
            }
            var payloads: [String] = []
            var next = start
            // The running sum reads each payload's length from its TOAST header, not the text.
            let rows = try await connection.query("""
                SELECT accepted, payload FROM (
                    SELECT c.accepted, c.payload,
                           sum(octet_length(c.payload)) OVER (ORDER BY c.accepted) - octet_length(c.payload) AS before
                    FROM changes c
                    LEFT JOIN unnest(\(origins)::text[], \(counters)::bigint[]) AS peer (origin, counter) ON peer.origin = c.origin
                    WHERE c.accepted > \(start) AND c.counter > coalesce(peer.counter, 0)
                    ORDER BY c.accepted LIMIT \(limit)
                ) AS page
                WHERE before < \(Int64(Self.pageBytes)) ORDER BY accepted
                """, logger: HubDatabase.log)
            for try await (accepted, payload) in rows.decode((Int64, String).self) {
                next = accepted
                payloads.append(payload)
            }
            return (payloads, next)
        }
    }

    /// How many changes the log holds, and from how many origins (`hub status`).
    public func counts() async throws -> (changes: Int64, origins: Int64) {
        try await database.connection { connection in
            let rows = try await connection.query(
                "SELECT coalesce(sum(counter), 0)::bigint, count(*) FILTER (WHERE counter > 0) FROM knowledge",
                logger: HubDatabase.log
            ).decode((Int64, Int64).self).collected()
            return rows.first ?? (0, 0)
        }
    }
}
