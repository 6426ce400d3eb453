import Foundation
import GRDB
import MarginaliaCore

extension Replica {
    /// Calls `body` with every change this replica holds that `knowledge` does not
    /// cover, in log order (a causal order), with the exact payload stored. For tests:
    /// the sync engine pages through the log with `changePage` instead, so that no read
    /// transaction stays open while the network is slow.
    @_spi(Testing)
    public func forEachChange(
        notCoveredBy knowledge: VersionVector, _ body: (Change, String) throws -> Void
    ) throws {
        try read { db in
            var position: Int64 = 0
            while true {
                let page = try MissingChanges(db: db, peerKnowledge: knowledge).page(after: position, limit: 1_000)
                if page.payloads.isEmpty { return }
                for payload in page.payloads { try body(try ChangeLog.decode(payload), payload) }
                position = page.next
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
                try MissingChanges(db: db, peerKnowledge: knowledge).page(after: position, limit: limit)
            }
        } catch {
            throw ReplicaError(error, path: path)
        }
    }

    /// A received change made ready for `integrate`: validated, encoded, and with the
    /// record of the entity it would create (`PreparedChange.created`), which the writer
    /// then only stores. A sync prepares each change so as it decodes it.
    public func prepare(_ change: Change) -> PreparedChange {
        PreparedChange(change, recordingCreation: true)
    }

    /// `integrate` for changes already prepared (validated and encoded, off the
    /// writer), without blocking the calling thread: the transaction runs on the
    /// replica's serial queue while the caller is suspended.
    ///
    /// A replica far behind (a batch of at least `ChangeIntegrator.bulkBatch` changes or
    /// `bulkBytes` of payloads, no fewer changes than it holds: an initial sync) leaves
    /// the batch's rows out of the full-text indexes, marked as lacking rows in the same
    /// transaction, and so does every batch after it until `finishIntegrating` builds
    /// them, far cheaper than keeping them up to date row by row. Until then every search
    /// builds them first. Meanwhile its connection writes with `ConnectionSettings.bulk`,
    /// its cache growing with the replica.
    @discardableResult
    public func integrate(_ changes: [PreparedChange]) async throws -> IntegrationSummary {
        try await integrate(changes, deferringSearch: nil)
    }

    /// `integrate`, with the batch's rows left out of the full-text indexes or not
    /// as `deferringSearch` says (nil: as the batch's size says).
    func integrate(_ changes: [PreparedChange], deferringSearch: Bool?) async throws -> IntegrationSummary {
        let replica = id
        do {
            return try await queue.writeWithoutTransaction { db in
                // Decided before the transaction, whose connection settings it sets
                // (`ConnectionSettings.bulk`, kept for the batches after it until
                // `finishIntegrating`).
                let defers = try deferringSearch
                    ?? ChangeIntegrator.defersSearch(changes, holding: ChangeLog(db: db).knowledge())
                let bulk = try defers || SearchIndex(db: db).isStale()
                try (bulk ? ConnectionSettings.bulk(pages: ConnectionSettings.pages(of: db)) : .ordinary).apply(to: db)
                var summary: IntegrationSummary?
                do {
                    try db.inTransaction {
                        summary = try ChangeIntegrator(db: db, replica: replica, deferringSearch: defers)
                            .integrate(changes)
                        return .commit
                    }
                } catch {
                    try? ConnectionSettings.ordinary.apply(to: db)
                    throw error
                }
                return summary!
            }
        } catch {
            throw integrationFailure(error)
        }
    }

    /// Called between two batches of a stream of received changes, while the next one is
    /// read: when batches left rows out of the full-text indexes, builds a whole step of
    /// them (`SearchIndex.buildAhead`), so that `finishIntegrating` has less left to do
    /// after the last batch, alone.
    public func integrateAhead() async throws {
        do {
            try await queue.write { db in _ = try SearchIndex(db: db).buildAhead() }
        } catch {
            throw ReplicaError(error, path: path)
        }
    }

    /// Called once a stream of received changes has ended: builds the full-text indexes
    /// when batches left rows out of them, in steps of short transactions
    /// (`SearchIndex.buildStep`), so that other writers get in between (a process stopped
    /// meanwhile leaves them marked, for the next search to finish). The connection is
    /// set back to `ConnectionSettings.ordinary` first, so the first step's commit also
    /// makes every batch before it durable.
    public func finishIntegrating() async throws {
        do {
            try await queue.writeWithoutTransaction { db in try ConnectionSettings.ordinary.apply(to: db) }
            while try await !queue.write({ db in try SearchIndex(db: db).buildStep() }) {
                try? await Task.sleep(for: .seconds(SearchIndex.pauseBetweenSteps))
            }
        } catch {
            throw ReplicaError(error, path: path)
        }
    }

    /// Makes sure the full-text indexes hold every row before they are read (searches,
    /// `verify`): built here, as `finishIntegrating` does, when a sync left rows out and
    /// did not finish.
    func completeSearchIndex() throws {
        guard try read({ db in try SearchIndex(db: db).isStale() }) else { return }
        while try !writeTransaction({ db in try SearchIndex(db: db).buildStep() }) {
            Thread.sleep(forTimeInterval: SearchIndex.pauseBetweenSteps)
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
    ///
    /// Prepared as a sync prepares them (`prepare`), so that every test delivering
    /// changes this way stores records computed ahead, which `verify` compares with a
    /// replay of the log that computes them on the spot.
    @discardableResult
    public func integrate(_ changes: [Change]) throws -> IntegrationSummary {
        let prepared = changes.map(prepare)
        do {
            return try queue.write { db in try ChangeIntegrator(db: db, replica: id).integrate(prepared) }
        } catch {
            throw integrationFailure(error)
        }
    }

    /// A refusal (`IntegrationError`) as it is; any other failure as a `ReplicaError`
    /// naming this replica.
    private func integrationFailure(_ error: any Error) -> any Error {
        error is IntegrationError ? error : ReplicaError(error, path: path)
    }
}
