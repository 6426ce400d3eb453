import Foundation
import MarginaliaCore
import PostgresNIO

/// The log's digests as a replica keeps them (`LogDigest`): per origin, the sum mod 2^256
/// of its changes' SHA-256 values, kept in the origin's knowledge row and raised in the
/// transaction that appends, so the digest exchange at the end of a session works against
/// a hub as against any peer.
extension HubLog {
    /// The digest of every change held.
    public func logDigest() async throws -> LogDigest {
        try await database.connection { connection in
            try await Self.digests(on: connection).values.reduce(.zero) { $0 + $1.digest }
        }
    }

    /// The digest of the changes `vector` names; nil when the hub does not hold them all.
    public func logDigest(covering vector: VersionVector) async throws -> LogDigest? {
        try await database.connection { connection in
            let held = try await Self.digests(on: connection)
            var sum = LogDigest.zero
            for (origin, counter) in vector.sortedEntries {
                let row = held[origin] ?? (0, .zero)
                guard counter <= row.counter else { return nil }
                sum += row.digest
                if counter < row.counter {
                    sum = sum - (try await Self.digest(of: CounterRange(replica: origin, from: counter + 1, to: row.counter), on: connection))
                }
            }
            return sum
        }
    }

    /// The digest of each range, in order (a divergence search); nil when the hub does not
    /// hold every change of them.
    public func logDigests(of ranges: [CounterRange]) async throws -> [LogDigest]? {
        try await database.connection { connection in
            let knowledge = try await Self.knowledge(on: connection)
            guard ranges.allSatisfy({ 1 <= $0.from && $0.from <= $0.to && $0.to <= knowledge[$0.replica] }) else {
                return nil
            }
            var digests: [LogDigest] = []
            for range in ranges { digests.append(try await Self.digest(of: range, on: connection)) }
            return digests
        }
    }

    /// Every origin's counter and digest, as one statement sees them (consistent: an append
    /// raises both in its transaction).
    private static func digests(on connection: PostgresConnection) async throws -> [ReplicaID: (counter: UInt64, digest: LogDigest)] {
        var rows: [ReplicaID: (counter: UInt64, digest: LogDigest)] = [:]
        let result = try await connection.query(
            "SELECT origin, counter, digest FROM knowledge WHERE counter > 0", logger: HubDatabase.log)
        for try await (origin, counter, bytes) in result.decode((String, Int64, Data).self) {
            guard let replica = ReplicaID(origin), let digest = LogDigest(hash: bytes) else {
                throw HubError.corrupt("knowledge row '\(origin)' is unreadable")
            }
            rows[replica] = (UInt64(counter), digest)
        }
        return rows
    }

    /// The sum of one range's hashes, all of which the hub holds (rows never change once
    /// committed, so a later statement than the knowledge read sees the same ones).
    private static func digest(of range: CounterRange, on connection: PostgresConnection) async throws -> LogDigest {
        let hashes = try await connection.query("""
            SELECT hash FROM changes WHERE origin = \(range.replica.rawValue)
            AND counter BETWEEN \(Int64(range.from)) AND \(Int64(range.to))
            """, logger: HubDatabase.log)
        var sum = LogDigest.zero
        for try await bytes in hashes.decode(Data.self) {
            guard let hash = LogDigest(hash: bytes) else { throw HubError.corrupt("a stored hash is not 32 bytes") }
            sum += hash
        }
        return sum
    }
}
