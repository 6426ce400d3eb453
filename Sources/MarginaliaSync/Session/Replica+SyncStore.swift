import MarginaliaStore

/// A replica is the store most sessions speak for: its synchronous methods answer the
/// session's requirements, on the SQLite file.
extension Replica: SyncStore {
    public func storageFailure(_ error: any Error) -> ProtocolError {
        let reason = switch error {
        case ReplicaError.database(_, let message): message
        case ReplicaError.busy: "the replica is busy"
        case ReplicaError.readOnly: "the replica is read-only"
        case ReplicaError.diskFull: "the disk is full"
        default: "storage failed"
        }
        return ProtocolError(.internalError, "the receiver could not store changes: \(reason)")
    }
}
