/// Writes a change's canonical JSON directly (`CanonicalJSONWriter`), byte for byte
/// what `CanonicalJSON.encode` produces.
///
/// Why not `JSONEncoder`: every change stored is encoded once, and a sync receiving a
/// whole replica spent a tenth of its time in the generic `Codable` machinery. The
/// shapes are fixed and small, so writing them by hand is short; a property test holds
/// it to `CanonicalJSON` on random changes.
public enum CanonicalChangeWriter {
    /// The canonical JSON of `change`.
    public static func json(_ change: Change) -> String {
        var output = CanonicalJSONWriter()
        output.write(change)
        return output.string
    }

    /// The canonical JSON of `anchor` (how anchors are stored outside changes too).
    public static func json(_ anchor: Anchor) -> String {
        var output = CanonicalJSONWriter()
        output.write(anchor)
        return output.string
    }
}

extension CanonicalJSONWriter {
    mutating func write(_ change: Change) {
        // Keys in code-point order: context, counter, entity, fields, kind, lamport, replica, time.
        raw("{\"context\":")
        write(change.context)
        raw(",\"counter\":")
        number(change.dot.counter)
        raw(",\"entity\":")
        string(change.entity.rawValue)
        raw(",\"fields\":")
        object(change.fields.map { ($0.key.rawValue, $0.value) }) { $0.write($1) }
        raw(",\"kind\":")
        string(change.kind.rawValue)
        raw(",\"lamport\":")
        number(change.lamport)
        raw(",\"replica\":")
        string(change.dot.replica.rawValue)
        raw(",\"time\":")
        number(change.time)
        raw("}")
    }

    mutating func write(_ anchor: Anchor) {
        // Keys in code-point order: end, prefix, quote, revision (when known), start, suffix.
        raw("{\"end\":")
        number(anchor.end)
        raw(",\"prefix\":")
        string(anchor.prefix)
        raw(",\"quote\":")
        string(anchor.quote)
        if let revision = anchor.revision {
            raw(",\"revision\":{\"counter\":")
            number(revision.counter)
            raw(",\"replica\":")
            string(revision.replica.rawValue)
            raw("}")
        }
        raw(",\"start\":")
        number(anchor.start)
        raw(",\"suffix\":")
        string(anchor.suffix)
        raw("}")
    }

    private mutating func write(_ vector: VersionVector) {
        object(vector.counters.map { ($0.key.rawValue, $0.value) }) { $0.number($1) }
    }

    mutating func write(_ value: FieldValue) {
        switch value {
        case .text(let text): string(text)
        case .none: raw("null")
        case .flag(let flag): raw(flag ? "true" : "false")
        case .reference(let entity): string(entity.rawValue)
        case .anchor(let anchor): write(anchor)
        }
    }
}
