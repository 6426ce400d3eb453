/// One immutable edit of one entity, as recorded in the log and sent to peers.
///
/// A change carries everything merging needs: its `dot` (who made it and their
/// counter), a Lamport timestamp (for the deterministic display pick among
/// concurrent values), the fields it writes, and its causal `context`, the author's
/// knowledge when making it. Concurrent values are kept exactly when neither
/// change's context covers the other's dot. `time` is wall-clock milliseconds since
/// 1970, shown to people and never used to decide anything.
public struct Change: Hashable, Sendable {
    public var dot: Dot
    public var lamport: UInt64
    public var time: Int64
    public var entity: EntityID
    public var kind: EntityKind
    public var fields: [FieldName: FieldValue]
    public var context: VersionVector

    public init(
        dot: Dot, lamport: UInt64, time: Int64, entity: EntityID, kind: EntityKind,
        fields: [FieldName: FieldValue], context: VersionVector
    ) {
        self.dot = dot
        self.lamport = lamport
        self.time = time
        self.entity = entity
        self.kind = kind
        self.fields = fields
        self.context = context
    }

    /// Whether this change deletes its entity.
    public var isDeletion: Bool { fields[.alive] == .flag(false) }

    /// The written fields in canonical order.
    public var sortedFields: [(name: FieldName, value: FieldValue)] {
        fields.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }
}

extension Change: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case replica, counter, lamport, time, entity, kind, fields, context
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dot = Dot(
            replica: try container.decode(ReplicaID.self, forKey: .replica),
            counter: try container.decode(UInt64.self, forKey: .counter))
        lamport = try container.decode(UInt64.self, forKey: .lamport)
        time = try container.decode(Int64.self, forKey: .time)
        entity = try container.decode(EntityID.self, forKey: .entity)
        kind = try container.decode(EntityKind.self, forKey: .kind)
        context = try container.decode(VersionVector.self, forKey: .context)
        let fieldContainer = try container.nestedContainer(keyedBy: DynamicCodingKey.self, forKey: .fields)
        var fields: [FieldName: FieldValue] = [:]
        for key in fieldContainer.allKeys {
            guard let name = FieldName(key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: fieldContainer, debugDescription: "unknown field '\(key.stringValue)'")
            }
            let valueDecoder = try fieldContainer.superDecoder(forKey: key)
            fields[name] = try FieldValue(from: try valueDecoder.singleValueContainer(), as: name.valueType)
        }
        self.fields = fields
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dot.replica, forKey: .replica)
        try container.encode(dot.counter, forKey: .counter)
        try container.encode(lamport, forKey: .lamport)
        try container.encode(time, forKey: .time)
        try container.encode(entity, forKey: .entity)
        try container.encode(kind, forKey: .kind)
        try container.encode(context, forKey: .context)
        var fieldContainer = container.nestedContainer(keyedBy: DynamicCodingKey.self, forKey: .fields)
        for (name, value) in sortedFields {
            try fieldContainer.encode(value, forKey: DynamicCodingKey(stringValue: name.rawValue))
        }
    }
}
