import MarginaliaCore

/// The side a `SyncSession` speaks for: what the session reads from it and records in
/// it, and nothing else. A replica (one SQLite file) is one; a hub whose state is a
/// change log in PostgreSQL is another, and runs the same session, so that every peer
/// sees one protocol whatever holds the log.
///
/// The requirements are `async`: a store on a database server answers over the
/// network, and the session must not block a thread while it waits. A store that
/// answers synchronously (a replica) satisfies them with its synchronous methods.
public protocol SyncStore: AnyObject, Sendable {
    /// Sent in the hello, and checked so that a peer is never this same store.
    var id: ReplicaID { get }

    /// The name sent in the hello, which the peer shows in its messages and `peers`.
    func name() async throws -> String

    /// Every change held, per origin: sent in the hello, so the peer sends only what
    /// is missing, and bounding what the session's digests cover.
    func knowledge() async throws -> VersionVector

    /// One page of the changes `knowledge` does not cover, in log order (a causal
    /// order), after log position `position` (0 for the start): their stored canonical
    /// payloads, sent as they are, and the position to continue from. Paged so that
    /// nothing holds the log in memory and nothing stays open while the network is slow.
    func changePage(notCoveredBy knowledge: VersionVector, after position: Int64, limit: Int) async throws
        -> (payloads: [String], next: Int64)

    /// A received change made ready for `integrate`, on the session's thread as it is
    /// decoded, with whatever this store can compute of it before its writer has it.
    func prepare(_ change: Change) -> PreparedChange

    /// Checks a received batch by `ChangeAdmission`'s rules and stores it in one
    /// transaction that also raises knowledge: all of it or nothing, so a session cut
    /// at any moment leaves the store valid. Changes already held with the same content
    /// count as duplicates; the first refused one throws `IntegrationError`, which the
    /// session reports to the peer with the line it arrived on.
    func integrate(_ changes: [PreparedChange]) async throws -> IntegrationSummary

    /// Called after each batch of a stream is stored, while the session reads the next:
    /// a store may do part of what `finishIntegrating` would do at the end.
    func integrateAhead() async throws

    /// Called once a stream of changes has ended and every batch of it is stored: a
    /// store that put work off while storing them does it now (a replica far behind
    /// builds its full-text indexes in one pass). A session cut before it leaves the
    /// store valid all the same.
    func finishIntegrating() async throws

    /// What the peer is told when `integrate` failed for reasons of this side's own (not
    /// a refusal): why, in a few words, never where the store lives.
    func storageFailure(_ error: any Error) -> ProtocolError

    /// The `unavailable` error to tell the peer when `error` is a failure that passes (the
    /// store's database is down or restarting), whatever the session was doing: the peer
    /// then knows to try again later. Nil for any other failure.
    func unavailability(_ error: any Error) -> ProtocolError?

    /// The digest of the changes `vector` names, compared with the peer's at the end of
    /// each half of a session (version 2); nil when not all of them are held.
    func logDigest(covering vector: VersionVector) async throws -> LogDigest?

    /// The digest of each range, in order: the answer to a peer's `probe` while it
    /// searches for diverged changes; nil when not every change of them is held.
    func logDigests(of ranges: [CounterRange]) async throws -> [LogDigest]?

    /// Records what a session or bundle showed the peer to hold, and its name, so that
    /// `bundle create --for` sends it only what it lacks.
    func remember(replica other: ReplicaID, name: String, knowledge: VersionVector) async throws

    /// What was last recorded of `other`: applying an older bundle must not lower it.
    func rememberedKnowledge(of other: ReplicaID) async throws -> VersionVector?

    /// Records that the peer's log holds the same dots with other content, so that
    /// `status` and `peers` say so until a session finds both equal again.
    func recordDivergence(peer: ReplicaID, name: String, local: LogDigest, remote: LogDigest?) async throws

    /// Forgets a recorded divergence: a session found both logs equal.
    func clearDivergence(peer: ReplicaID) async throws

    /// The open conflicts, so that a summary tells those a session brought and those it
    /// settled. A store that keeps no state derived from its log (a hub) has none.
    func openConflictIDs() async throws -> Set<Conflict.ID>
}

extension SyncStore {
    /// Validated and encoded: what every store needs.
    public func prepare(_ change: Change) -> PreparedChange { PreparedChange(change) }

    /// A store that puts no work off while storing batches has nothing to do ahead.
    public func integrateAhead() async throws {}

    /// A store that puts no work off while storing batches has nothing to finish.
    public func finishIntegrating() async throws {}

    /// A store on a local file (a replica) has no outage that passes: a locked or full
    /// file is its own failure, told as `internal_error` when storing.
    public func unavailability(_ error: any Error) -> ProtocolError? { nil }
}
