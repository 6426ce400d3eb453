/// One value competing in a conflict, with who wrote it and when.
public struct CompetingValue: Hashable, Sendable {
    public var dot: Dot
    /// The Lamport timestamp of the change that wrote it, which orders the values.
    public var lamport: UInt64
    /// The name of the replica that wrote it, where known.
    public var replicaName: String?
    /// When it was written (milliseconds since 1970, the writer's clock).
    public var time: Int64
    public var value: FieldValue

    public init(dot: Dot, lamport: UInt64, replicaName: String?, time: Int64, value: FieldValue) {
        self.dot = dot
        self.lamport = lamport
        self.replicaName = replicaName
        self.time = time
        self.value = value
    }

    /// The writer's name, or its id when the name is unknown.
    public var author: String { replicaName ?? dot.replica.rawValue }
}
