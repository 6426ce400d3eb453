import GRDB
import MarginaliaCore

extension Replica {
    /// Calls `body` with every change this replica holds that `knowledge` does not
    /// cover, in log order (a causal order), with the exact payload stored.
    /// Streams from the database: the log is never held in memory.
    public func forEachChange(
        notCoveredBy knowledge: VersionVector, _ body: (Change, String) throws -> Void
    ) throws {
        try read { db in
            let mine = try ChangeLog(db: db).knowledge()
            let wanted = mine.sortedEntries.filter { $0.counter > knowledge[$0.replica] }
            guard !wanted.isEmpty else { return }
            let condition = Array(repeating: "(replica = ? AND counter > ?)", count: wanted.count)
                .joined(separator: " OR ")
            var arguments: StatementArguments = []
            for entry in wanted { arguments += [entry.replica.rawValue, knowledge[entry.replica]] }
            let rows = try String.fetchCursor(
                db, sql: "SELECT payload FROM changes WHERE \(condition) ORDER BY seq", arguments: arguments)
            while let payload = try rows.next() {
                try body(try ChangeLog.decode(payload), payload)
            }
        }
    }

    /// One page of the changes `knowledge` does not cover, in log order, after log
    /// position `position` (0 for the start): their stored payloads and the position
    /// to continue from. Senders page through the log so that nothing holds it in
    /// memory and no read transaction stays open while the network is slow.
    public func changePage(notCoveredBy knowledge: VersionVector, after position: Int64, limit: Int) async throws
        -> (payloads: [String], next: Int64)
    {
        do {
            return try await queue.read { db in
                let mine = try ChangeLog(db: db).knowledge()
                let wanted = mine.sortedEntries.filter { $0.counter > knowledge[$0.replica] }
                guard !wanted.isEmpty else { return ([], position) }
                let condition = Array(repeating: "(replica = ? AND counter > ?)", count: wanted.count)
                    .joined(separator: " OR ")
                var arguments: StatementArguments = [position]
                for entry in wanted { arguments += [entry.replica.rawValue, knowledge[entry.replica]] }
                arguments += [limit]
                let rows = try Row.fetchAll(
                    db, sql: "SELECT seq, payload FROM changes WHERE seq > ? AND (\(condition)) ORDER BY seq LIMIT ?",
                    arguments: arguments)
                return (rows.map { $0["payload"] }, rows.last?["seq"] ?? position)
            }
        } catch {
            throw ReplicaError(error, path: path)
        }
    }

    /// `integrate` without blocking the calling thread: the transaction runs on the
    /// replica's serial queue while the caller is suspended.
    @discardableResult
    public func integrate(_ changes: [Change]) async throws -> IntegrationSummary {
        do {
            let replica = id
            return try await queue.write { db in try ChangeIntegrator(db: db, replica: replica).integrate(changes) }
        } catch let error as IntegrationError {
            throw error
        } catch {
            throw ReplicaError(error, path: path)
        }
    }

    /// What this replica has applied, per origin.
    public func knowledge() throws -> VersionVector {
        try read { db in try ChangeLog(db: db).knowledge() }
    }

    /// Applies changes received from another replica, in order, in one transaction.
    ///
    /// Each change is checked first: well formed, not forged in this replica's name,
    /// the next counter of its origin, its causal context already applied. A change
    /// already held is skipped when identical and refused when different
    /// (equivocation). The first refusal throws `IntegrationError` and nothing of
    /// the batch is applied.
    @discardableResult
    public func integrate(_ changes: [Change]) throws -> IntegrationSummary {
        do {
            return try queue.write { db in try ChangeIntegrator(db: db, replica: id).integrate(changes) }
        } catch let error as IntegrationError {
            throw error
        } catch {
            throw ReplicaError(error, path: path)
        }
    }
}

/// Checks and applies received changes inside one transaction.
struct ChangeIntegrator {
    let db: Database
    let replica: ReplicaID

    func integrate(_ changes: [Change]) throws -> IntegrationSummary {
        var knowledge = try ChangeLog(db: db).knowledge()
        let applier = ChangeApplier(db: db)
        let entities = EntityStore(db: db)
        var summary = IntegrationSummary()
        for (index, change) in changes.enumerated() {
            do {
                if try isDuplicate(change, knowledge: knowledge) {
                    summary.duplicates += 1
                    continue
                }
                try check(change, knowledge: knowledge, entities: entities)
            } catch let rejection as ChangeRejection {
                throw IntegrationError(index: index, rejection: rejection)
            }
            try applier.apply(change)
            knowledge.record(change.dot)
            summary.applied += 1
        }
        return summary
    }

    /// Whether `change` is already held; throws when it is held with other content.
    private func isDuplicate(_ change: Change, knowledge: VersionVector) throws -> Bool {
        guard knowledge.covers(change.dot) else { return false }
        guard let stored = try String.fetchOne(
            db.cachedStatement(sql: "SELECT payload FROM changes WHERE replica = ? AND counter = ?"),
            arguments: [change.dot.replica.rawValue, change.dot.counter])
        else { throw CorruptReplicaError("knowledge covers \(change.dot) but the log lacks it") }
        guard try ChangeLog.decode(stored) == change else {
            throw ChangeRejection(.equivocation, "change \(change.dot) differs from the one already held under that dot")
        }
        return true
    }

    private func check(_ change: Change, knowledge: VersionVector, entities: EntityStore) throws {
        let dot = change.dot
        if dot.replica == replica {
            throw ChangeRejection(
                .forgedOrigin, "change \(dot) claims this replica, which has made only \(knowledge[replica]) changes")
        }
        try ChangeValidator.validate(change)
        guard dot.counter == knowledge[dot.replica] + 1 else {
            throw ChangeRejection(
                .nonContiguous, "change \(dot) arrived but the next expected from \(dot.replica) is \(knowledge[dot.replica] + 1)")
        }
        guard knowledge.includes(change.context) else {
            let missing = change.context.sortedEntries.filter { $0.counter > knowledge[$0.replica] }
                .map { "\($0.replica):\($0.counter)" }.joined(separator: ", ")
            throw ChangeRejection(.causalityViolation, "change \(dot) depends on changes not received: \(missing)")
        }
        if let kind = try entities.kind(of: change.entity), kind != change.kind {
            throw ChangeRejection(.malformedChange, "change \(dot) treats \(kind) \(change.entity) as an \(change.kind)")
        }
    }
}
