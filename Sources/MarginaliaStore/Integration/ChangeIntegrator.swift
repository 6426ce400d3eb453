import GRDB
import MarginaliaCore

/// Checks and applies received changes inside one transaction.
struct ChangeIntegrator {
    let db: Database
    let replica: ReplicaID

    func integrate(_ changes: [PreparedChange]) throws -> IntegrationSummary {
        var knowledge = try ChangeLog(db: db).knowledge()
        let applier = ChangeApplier(db: db)
        var summary = IntegrationSummary()
        var highestLamport: UInt64 = 0
        for (index, prepared) in changes.enumerated() {
            let change = prepared.change
            let payload: String
            do {
                payload = try prepared.payload.get()
                if try isDuplicate(change, knowledge: knowledge) {
                    summary.duplicates += 1
                    continue
                }
                try check(change, knowledge: knowledge)
            } catch let rejection as ChangeRejection {
                throw IntegrationError(index: index, rejection: rejection)
            }
            do {
                try applier.apply(change, payload: payload, recordingKnowledge: false)
            } catch let mismatch as EntityKindMismatch {
                throw IntegrationError(index: index, rejection: ChangeRejection(
                    .malformedChange, "change \(change.dot) treats \(mismatch.actual) \(mismatch.entity) as an \(mismatch.claimed)"))
            }
            knowledge.record(change.dot)
            highestLamport = max(highestLamport, change.lamport)
            summary.applied += 1
        }
        // Knowledge and the Lamport clock are raised once for the batch, in its transaction.
        if summary.applied > 0 { try ChangeLog(db: db).record(knowledge, lamport: highestLamport) }
        return summary
    }

    /// Whether `change` is already held; throws when it is held with other content.
    private func isDuplicate(_ change: Change, knowledge: VersionVector) throws -> Bool {
        guard knowledge.covers(change.dot) else { return false }
        guard let stored = try ChangeLog(db: db).payload(of: change.dot) else {
            throw CorruptReplicaError("knowledge covers \(change.dot) but the log lacks it")
        }
        guard try ChangeLog.decode(stored) == change else {
            throw ChangeRejection(.equivocation, "change \(change.dot) differs from the one already held under that dot")
        }
        return true
    }

    private func check(_ change: Change, knowledge: VersionVector) throws {
        let dot = change.dot
        if dot.replica == replica {
            throw ChangeRejection(
                .forgedOrigin, "change \(dot) claims this replica, which has made only \(knowledge[replica]) changes")
        }
        guard dot.counter == knowledge[dot.replica] + 1 else {
            throw ChangeRejection(
                .nonContiguous, "change \(dot) arrived but the next expected from \(dot.replica) is \(knowledge[dot.replica] + 1)")
        }
        guard knowledge.includes(change.context) else {
            let missing = change.context.sortedEntries.filter { $0.counter > knowledge[$0.replica] }
                .map { "\($0.replica):\($0.counter)" }.joined(separator: ", ")
            throw ChangeRejection(.causalityViolation, "change \(dot) depends on changes not received: \(missing)")
        }
    }
}
