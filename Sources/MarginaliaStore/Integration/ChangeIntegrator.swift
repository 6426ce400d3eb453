import GRDB
import MarginaliaCore

/// Checks received changes (by `ChangeAdmission`'s rules) and applies them, inside one transaction.
struct ChangeIntegrator {
    let db: Database
    let replica: ReplicaID
    /// Whether the batch's rows are left out of the full-text indexes, to be built in one
    /// pass later (`SearchIndex.deferUpdates`); nil to decide by the batch's size
    /// (`bulkBatch`). They are anyway while the indexes lack rows.
    var deferringSearch: Bool? = nil

    /// The fewest changes, or bytes of payloads, of a batch that leaves its rows out of the
    /// full-text indexes, when the replica holds no more changes than the batch: a replica
    /// that far behind is receiving most of its state (an initial sync), and building the
    /// indexes in one pass after the last batch costs less than keeping them up to date row
    /// by row. Bytes too, because a sync ends its batches at a size in bytes as well
    /// (a thousand long articles are more than one).
    static let bulkBatch = 1_000
    static let bulkBytes = 1024 * 1024

    /// Whether `changes` applied to a replica that holds `knowledge` leave their rows out
    /// of the full-text indexes (`bulkBatch`, `bulkBytes`).
    static func defersSearch(_ changes: [PreparedChange], holding knowledge: VersionVector) -> Bool {
        let large = changes.count >= bulkBatch
            || changes.reduce(0) { $0 + $1.payloadBytes } >= bulkBytes
        return large && UInt64(changes.count) >= knowledge.sortedEntries.reduce(0) { $0 + $1.counter }
    }

    func integrate(_ changes: [PreparedChange]) throws -> IntegrationSummary {
        var admission = ChangeAdmission(receiver: replica, knowledge: try ChangeLog(db: db).knowledge())
        let search = SearchIndex(db: db)
        if deferringSearch ?? Self.defersSearch(changes, holding: admission.knowledge) {
            try search.deferUpdates()
        }
        let applier = ChangeApplier(db: db, searchReach: try search.reach())
        var summary = IntegrationSummary()
        var applied = AppliedChanges()
        for (index, prepared) in changes.enumerated() {
            let change = prepared.change
            let encoded: EncodedChange
            do {
                encoded = try prepared.encoded.get()
                if try admission.classify(change) == .alreadyHeld {
                    try ChangeAdmission.confirmDuplicate(change, held: try held(change.dot))
                    summary.duplicates += 1
                    continue
                }
            } catch let rejection as ChangeRejection {
                throw IntegrationError(index: index, rejection: rejection)
            }
            do {
                try applier.apply(change, encoded: encoded, created: prepared.created, into: &applied)
            } catch let mismatch as EntityKindMismatch {
                throw IntegrationError(index: index, rejection: ChangeRejection(
                    .malformedChange, "change \(change.dot) treats \(mismatch.actual) \(mismatch.entity) as an \(mismatch.claimed)"))
            }
            admission.record(change)
            summary.applied += 1
        }
        // Knowledge, the Lamport clock and the digests are raised once for the batch, in its transaction.
        try applied.record(in: db)
        return summary
    }

    /// The change held under `dot`, which knowledge covers.
    private func held(_ dot: Dot) throws -> Change {
        guard let stored = try ChangeLog(db: db).payload(of: dot) else {
            throw CorruptReplicaError("knowledge covers \(dot) but the log lacks it")
        }
        return try ChangeLog.decode(stored)
    }
}
