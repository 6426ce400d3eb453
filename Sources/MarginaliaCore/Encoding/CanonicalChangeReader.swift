/// Reads a change written in exactly the canonical form (`CanonicalChangeWriter`),
/// straight from its bytes.
///
/// Why: receiving a whole replica decodes every change once, and `JSONDecoder` through
/// `Codable` cost about as much per change as storing it. Peers send their stored
/// payloads, which are canonical, so nearly every change line takes this path. Any
/// other form (white space, another member order, other escapes, unknown members,
/// numbers out of range, invalid ids) gives nil, and the caller decodes the general
/// way, which alone accepts or refuses it, with its error messages. So this reader
/// accepts a subset of what `JSONDecoder` accepts and gives the same change for it; a
/// property test holds it to that on random and mutated changes.
public enum CanonicalChangeReader {
    /// The change in `bytes`, which must be valid UTF-8, when they hold one in canonical
    /// form and nothing else; nil otherwise.
    public static func change(_ bytes: UnsafeBufferPointer<UInt8>) -> Change? {
        var reader = CanonicalByteReader(bytes)
        guard let change = reader.change(), reader.isAtEnd else { return nil }
        return change
    }

    /// The change in a stored payload, when it is in canonical form.
    public static func change(_ payload: String) -> Change? {
        var payload = payload
        return payload.withUTF8 { change($0) }
    }
}

extension CanonicalByteReader {
    /// A change, in canonical form.
    mutating func change() -> Change? {
        guard take("{\"context\":"), let context = versionVector(),
              take(",\"counter\":"), let counter = unsigned(),
              take(",\"entity\":"), let entity = string().flatMap(EntityID.init),
              take(",\"fields\":"), let fields = fields(),
              take(",\"kind\":"), let kind = string().flatMap(EntityKind.init(rawValue:)),
              take(",\"lamport\":"), let lamport = unsigned(),
              take(",\"replica\":"), let replica = string().flatMap(ReplicaID.init),
              take(",\"time\":"), let time = signed(),
              take("}")
        else { return nil }
        return Change(
            dot: Dot(replica: replica, counter: counter), lamport: lamport, time: time, entity: entity, kind: kind,
            fields: fields, context: context)
    }

    private mutating func versionVector() -> VersionVector? {
        var counters: [ReplicaID: UInt64] = [:]
        let complete = members { reader, name in
            guard let replica = ReplicaID(name), let counter = reader.unsigned(), counter > 0 else { return false }
            counters[replica] = counter
            return true
        }
        return complete ? VersionVector(counters) : nil
    }

    private mutating func fields() -> [FieldName: FieldValue]? {
        var fields: [FieldName: FieldValue] = [:]
        let complete = members { reader, name in
            guard let field = FieldName(name), let value = reader.value(of: field.valueType) else { return false }
            fields[field] = value
            return true
        }
        return complete ? fields : nil
    }

    mutating func value(of type: FieldValue.ValueType) -> FieldValue? {
        switch type {
        case .text: return string().map(FieldValue.text)
        case .optionalText: return take("null") ? FieldValue.none : string().map(FieldValue.text)
        case .flag: return take("true") ? .flag(true) : take("false") ? .flag(false) : nil
        case .reference: return string().flatMap(EntityID.init).map(FieldValue.reference)
        case .anchor: return anchor().map(FieldValue.anchor)
        }
    }

    private mutating func anchor() -> Anchor? {
        guard take("{\"end\":"), let end = signed(),
              take(",\"prefix\":"), let prefix = string(),
              take(",\"quote\":"), let quote = string()
        else { return nil }
        var revision: Dot?
        if take(",\"revision\":{\"counter\":") {
            guard let counter = unsigned(), take(",\"replica\":"), let replica = string().flatMap(ReplicaID.init),
                  take("}")
            else { return nil }
            revision = Dot(replica: replica, counter: counter)
        }
        guard take(",\"start\":"), let start = signed(),
              take(",\"suffix\":"), let suffix = string(),
              take("}")
        else { return nil }
        return Anchor(
            start: Int(start), end: Int(end), quote: quote, prefix: prefix, suffix: suffix, revision: revision)
    }
}
