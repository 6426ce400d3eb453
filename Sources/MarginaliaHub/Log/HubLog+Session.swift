import MarginaliaCore
import MarginaliaSync

/// A hub runs the same `SyncSession` as every replica: it is one more `SyncStore`. This is
/// the rest of what a session asks of it.
extension HubLog: SyncStore {
    /// None: the hub keeps no state derived from its log, so it has no conflicts.
    public func openConflictIDs() async throws -> Set<Conflict.ID> { [] }

    /// What a peer is told when appending failed for the hub's own reasons: that the
    /// database is unavailable (`unavailability`) or that storing failed, never where the
    /// database is.
    public func storageFailure(_ error: any Error) -> ProtocolError {
        if let unavailable = unavailability(error) { return unavailable }
        let reason = if case HubError.database(let message) = error { message } else { "storage failed" }
        return ProtocolError(.internalError, "the receiver could not store changes: \(reason)")
    }

    /// PostgreSQL down, restarting or unreachable: the peer is told to try again later,
    /// whether the hub was admitting it, storing its changes or reading its own log.
    public func unavailability(_ error: any Error) -> ProtocolError? {
        guard case HubError.unavailable = error else { return nil }
        return ProtocolError(.unavailable, "the hub's database is down or restarting")
    }
}
