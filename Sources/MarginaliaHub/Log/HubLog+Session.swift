import MarginaliaCore
import MarginaliaSync

/// A hub runs the same `SyncSession` as every replica: it is one more `SyncStore`. This is
/// the rest of what a session asks of it.
extension HubLog: SyncStore {
    /// None: the hub keeps no state derived from its log, so it has no conflicts.
    public func openConflictIDs() async throws -> Set<Conflict.ID> { [] }

    /// What a peer is told when appending failed for the hub's own reasons: that the
    /// database is unavailable (it is restarting: try again) or that storing failed,
    /// never where the database is.
    public func storageFailure(_ error: any Error) -> ProtocolError {
        let reason = switch error {
        case HubError.unavailable: "the hub's database is unavailable"
        case HubError.database(let message): message
        default: "storage failed"
        }
        return ProtocolError(.internalError, "the receiver could not store changes: \(reason)")
    }
}
