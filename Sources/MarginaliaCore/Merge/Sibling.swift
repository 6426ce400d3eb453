/// One value held by a register, with the change that wrote it.
public struct Sibling: Hashable, Sendable {
    public var dot: Dot
    public var lamport: UInt64
    public var value: FieldValue

    public init(dot: Dot, lamport: UInt64, value: FieldValue) {
        self.dot = dot
        self.lamport = lamport
        self.value = value
    }

    /// Whether this sibling is displayed in preference to `other`: higher Lamport
    /// timestamp first, then higher replica id. A replica's Lamport timestamps rise
    /// with every change, so no two siblings tie on both.
    public func isPreferred(over other: Sibling) -> Bool {
        (lamport, dot.replica) > (other.lamport, other.dot.replica)
    }
}
