import GRDB
import MarginaliaCore

/// Checks received changes (by `ChangeAdmission`'s rules) and applies them, inside one transaction.
struct ChangeIntegrator {
    let db: Database
    let replica: ReplicaID

    func integrate(_ changes: [PreparedChange]) throws -> IntegrationSummary {
        var admission = ChangeAdmission(receiver: replica, knowledge: try ChangeLog(db: db).knowledge())
        let applier = ChangeApplier(db: db)
        var summary = IntegrationSummary()
        var highestLamport: UInt64 = 0
        for (index, prepared) in changes.enumerated() {
            let change = prepared.change
            let payload: String
            do {
                payload = try prepared.payload.get()
                if try admission.classify(change) == .alreadyHeld {
                    try ChangeAdmission.confirmDuplicate(change, held: try held(change.dot))
                    summary.duplicates += 1
                    continue
                }
            } catch let rejection as ChangeRejection {
                throw IntegrationError(index: index, rejection: rejection)
            }
            do {
                try applier.apply(change, payload: payload, recordingKnowledge: false)
            } catch let mismatch as EntityKindMismatch {
                throw IntegrationError(index: index, rejection: ChangeRejection(
                    .malformedChange, "change \(change.dot) treats \(mismatch.actual) \(mismatch.entity) as an \(mismatch.claimed)"))
            }
            admission.record(change)
            highestLamport = max(highestLamport, change.lamport)
            summary.applied += 1
        }
        // Knowledge and the Lamport clock are raised once for the batch, in its transaction.
        if summary.applied > 0 { try ChangeLog(db: db).record(admission.knowledge, lamport: highestLamport) }
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
