import Foundation
import GRDB
import MarginaliaCore

/// What `verify` found.
public struct VerificationReport: Hashable, Sendable {
    /// Changes replayed from the log.
    public var changesReplayed: Int
    /// Rows of derived tables compared.
    public var rowsCompared: Int
    /// Everything wrong, one line each; empty when the replica is sound.
    public var problems: [String]

    public var isConsistent: Bool { problems.isEmpty }
}

extension Replica {
    /// Proves the replica sound: SQLite's integrity check and the full-text indexes'
    /// pass, every origin's counters run 1...N without gaps and match knowledge, and
    /// replaying the whole log into a fresh file gives derived tables identical, row
    /// for row, to the stored ones, and every stored hash and log digest is what the
    /// payloads give.
    public func verify() throws -> VerificationReport {
        // Indexes a sync left to be built at its end are built first (that is no problem).
        try completeSearchIndex()
        var problems = try writeTransaction { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "integrity_check: \($0)" } }
            for index in ["article_search", "note_search"] {
                do {
                    try db.execute(sql: "INSERT INTO \(index) (\(index)) VALUES ('integrity-check')")
                } catch {
                    problems.append("full-text index \(index) does not match its table")
                }
            }
            problems += try LogChecks(db: db).gaps()
            problems += try LogChecks(db: db).digests()
            return problems
        }
        let rebuild = try LogReplay(source: self).rebuildAndCompare()
        problems += rebuild.problems
        return VerificationReport(changesReplayed: rebuild.changes, rowsCompared: rebuild.rowsCompared, problems: problems)
    }
}

/// Checks the log's own invariants.
struct LogChecks {
    let db: Database

    /// Origins whose counters do not run 1...N or disagree with knowledge.
    func gaps() throws -> [String] {
        let knowledge = try ChangeLog(db: db).knowledge()
        var problems: [String] = []
        var seen = Set<ReplicaID>()
        for row in try Row.fetchAll(db, sql: "SELECT replica, count(*), max(counter) FROM changes GROUP BY replica") {
            let text: String = row[0]
            let count: UInt64 = row[1]
            let highest: UInt64 = row[2]
            guard let origin = ReplicaID(text) else {
                problems.append("log holds changes of malformed replica id '\(text)'")
                continue
            }
            seen.insert(origin)
            if count != highest {
                problems.append("log has \(count) changes of \(origin) but its counters reach \(highest)")
            }
            if knowledge[origin] != highest {
                problems.append("knowledge says \(origin):\(knowledge[origin]) but the log reaches \(origin):\(highest)")
            }
        }
        for (origin, counter) in knowledge.counters where !seen.contains(origin) {
            problems.append("knowledge says \(origin):\(counter) but the log has none of its changes")
        }
        return problems
    }

    /// Changes whose stored hash is not their payload's, and origins whose digest is not
    /// the sum of their changes' hashes.
    func digests() throws -> [String] {
        var problems: [String] = []
        var sums: [String: LogDigest] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT replica, counter, payload, hash FROM changes")
        while let row = try rows.next() {
            let origin: String = row[0]
            let hash = LogDigest(payload: row[2])
            if LogDigest(hash: row[3] as Data) != hash {
                problems.append("change \(origin):\(row[1] as UInt64) has a stored hash that is not its payload's")
            }
            sums[origin, default: .zero] += hash
        }
        var stored: [String: LogDigest] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT replica, digest FROM log_digests") {
            stored[row[0]] = LogDigest(hash: row[1] as Data)
        }
        for origin in Set(sums.keys).union(stored.keys).sorted() where sums[origin] != stored[origin] {
            problems.append("the log digest of \(origin) is not the sum of its changes' hashes")
        }
        return problems
    }
}
