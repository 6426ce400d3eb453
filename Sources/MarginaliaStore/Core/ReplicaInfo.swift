import MarginaliaCore

/// Who a replica is: its id, its human name, and when it was created.
public struct ReplicaInfo: Hashable, Sendable {
    public var id: ReplicaID
    public var name: String
    public var created: Int64
}
