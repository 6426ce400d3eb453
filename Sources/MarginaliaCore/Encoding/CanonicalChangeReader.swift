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

/// A cursor over canonical JSON bytes; every read returns nil at the first byte that
/// is not what the canonical form has there.
private struct CanonicalByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

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

    private mutating func value(of type: FieldValue.ValueType) -> FieldValue? {
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
        return Anchor(start: Int(start), end: Int(end), quote: quote, prefix: prefix, suffix: suffix, revision: revision)
    }

    /// An object whose members are in strictly increasing code-point order of their
    /// names (so none repeats), each value read by `member`, which returns false to stop.
    private mutating func members(_ member: (inout Self, String) -> Bool) -> Bool {
        guard take("{") else { return false }
        if take("}") { return true }
        var previous: String?
        repeat {
            guard let name = string(), previous.map({ CanonicalJSONWriter.precedes($0, name) }) ?? true,
                  take(":"), member(&self, name)
            else { return false }
            previous = name
        } while take(",")
        return take("}")
    }

    // MARK: Tokens

    private mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        if matches { position += count }
        return matches
    }

    /// Digits without a leading zero (but `0` itself), within `UInt64`.
    private mutating func unsigned() -> UInt64? {
        let start = position
        var value: UInt64 = 0
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt64(bytes[position] &- UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            value = sum
            position += 1
        }
        let digits = position - start
        guard digits == 1 || (digits > 1 && bytes[start] != UInt8(ascii: "0")) else { return nil }
        return value
    }

    /// An optional `-` (never before `0`) and digits, within `Int64`.
    private mutating func signed() -> Int64? {
        guard take("-") else { return unsigned().flatMap { Int64(exactly: $0) } }
        guard let magnitude = unsigned(), magnitude > 0, magnitude <= Int64.min.magnitude else { return nil }
        return magnitude == Int64.min.magnitude ? .min : -Int64(magnitude)
    }

    /// A string with the canonical escapes only: `\"`, `\\`, `\b \f \n \r \t`, and
    /// `\u00xx` (lowercase) for the other control characters.
    private mutating func string() -> String? {
        guard take("\"") else { return nil }
        let start = position
        // Most strings have no escape: their bytes are the text's.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { return nil }
            position += 1
        }
        var text = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let unescaped = escaped() else { return nil }
                text.append(unescaped)
            case ..<0x20:
                return nil
            default:
                text.append(byte)
            }
        }
        return nil
    }

    /// The byte an escape after `\` stands for, when written the canonical way.
    private mutating func escaped() -> UInt8? {
        guard position < bytes.count else { return nil }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): return letter
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "u"):
            guard take("00"), let high = hexDigit(), let low = hexDigit() else { return nil }
            let byte = high << 4 | low
            // Only control characters without a short escape are written this way.
            guard byte < 0x20, ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(byte) else { return nil }
            return byte
        default:
            return nil
        }
    }

    /// A lowercase hexadecimal digit's value.
    private mutating func hexDigit() -> UInt8? {
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        let value: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
        default: return nil
        }
        position += 1
        return value
    }
}
