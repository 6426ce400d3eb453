/// For each replica, the highest counter of its changes that has been seen.
///
/// Because every replica applies the changes of each origin in counter order,
/// `{A: 3}` means "changes A:1, A:2 and A:3", so a vector summarises a whole set of
/// changes. It serves twice: as a replica's *knowledge* (what it has applied) and as
/// a change's *causal context* (what its author had applied when making it).
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    /// Counters by replica; replicas with counter 0 are never stored.
    public private(set) var counters: [ReplicaID: UInt64]

    public init() { counters = [:] }

    public init(_ counters: [ReplicaID: UInt64]) {
        self.counters = counters.filter { $0.value > 0 }
    }

    /// The counter for `replica`, 0 when none of its changes have been seen.
    public subscript(replica: ReplicaID) -> UInt64 {
        get { counters[replica] ?? 0 }
        set { counters[replica] = newValue > 0 ? newValue : nil }
    }

    /// Whether the change named `dot` is among those this vector summarises.
    public func covers(_ dot: Dot) -> Bool {
        self[dot.replica] >= dot.counter
    }

    /// Whether every change summarised by `other` is summarised by this vector too.
    public func includes(_ other: VersionVector) -> Bool {
        other.counters.allSatisfy { self[$0.key] >= $0.value }
    }

    /// Raises this vector to cover the change named `dot` (and, by contiguity, its predecessors).
    public mutating func record(_ dot: Dot) {
        if dot.counter > self[dot.replica] { self[dot.replica] = dot.counter }
    }

    /// The least vector that includes both.
    public func merged(with other: VersionVector) -> VersionVector {
        VersionVector(counters.merging(other.counters, uniquingKeysWith: max))
    }

    /// The greatest vector both include: the changes both sides hold.
    public func shared(with other: VersionVector) -> VersionVector {
        var shared = VersionVector()
        for (replica, counter) in counters { shared[replica] = min(counter, other[replica]) }
        return shared
    }

    /// Compares the sets of changes the two vectors summarise.
    public func compare(to other: VersionVector) -> CausalOrder {
        switch (includes(other), other.includes(self)) {
        case (true, true): .equal
        case (true, false): .after
        case (false, true): .before
        case (false, false): .concurrent
        }
    }

    /// The entries sorted by replica id: the canonical order for encoding and display.
    public var sortedEntries: [(replica: ReplicaID, counter: UInt64)] {
        counters.sorted { $0.key < $1.key }.map { (replica: $0.key, counter: $0.value) }
    }

    public var description: String {
        "{" + sortedEntries.map { "\($0.replica):\($0.counter)" }.joined(separator: ", ") + "}"
    }
}

extension VersionVector: Codable {
    /// Encoded as a JSON object from replica id to counter.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicCodingKey.self)
        var counters: [ReplicaID: UInt64] = [:]
        for key in container.allKeys {
            guard let replica = ReplicaID(key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "'\(key.stringValue)' is not a replica id")
            }
            let counter = try container.decode(UInt64.self, forKey: key)
            guard counter > 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "counters start at 1")
            }
            counters[replica] = counter
        }
        self.init(counters)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicCodingKey.self)
        for (replica, counter) in sortedEntries {
            try container.encode(counter, forKey: DynamicCodingKey(stringValue: replica.rawValue))
        }
    }
}
