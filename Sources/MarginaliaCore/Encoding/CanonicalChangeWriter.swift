/// Writes a change's canonical JSON directly, byte for byte what `CanonicalJSON.encode`
/// produces (keys in code-point order, no white space, `/` unescaped, control
/// characters as `\b \f \n \r \t` or `\u00xx`, everything else raw UTF-8).
///
/// Why not `JSONEncoder`: every change stored is encoded once, and a sync receiving a
/// whole replica spent a tenth of its time in the generic `Codable` machinery. The
/// shapes are fixed and small, so writing them by hand is short; a property test holds
/// it to `CanonicalJSON` on random changes.
public enum CanonicalChangeWriter {
    /// The canonical JSON of `change`.
    public static func json(_ change: Change) -> String {
        var output = Output()
        output.write(change)
        return output.string
    }

    /// The canonical JSON of `anchor` (how anchors are stored outside changes too).
    public static func json(_ anchor: Anchor) -> String {
        var output = Output()
        output.write(anchor)
        return output.string
    }
}

private struct Output {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(512) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

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

    /// An object whose members are written in code-point order of their names.
    private mutating func object<Value>(_ members: [(String, Value)], _ writeValue: (inout Output, Value) -> Void) {
        raw("{")
        for (index, (name, value)) in members.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }).enumerated() {
            if index > 0 { raw(",") }
            string(name)
            raw(":")
            writeValue(&self, value)
        }
        raw("}")
    }

    private mutating func write(_ value: FieldValue) {
        switch value {
        case .text(let text): string(text)
        case .none: raw("null")
        case .flag(let flag): raw(flag ? "true" : "false")
        case .reference(let entity): string(entity.rawValue)
        case .anchor(let anchor): write(anchor)
        }
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func number(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x08: raw("\\b")
            case 0x09: raw("\\t")
            case 0x0A: raw("\\n")
            case 0x0C: raw("\\f")
            case 0x0D: raw("\\r")
            case 0x00..<0x20:
                raw("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
