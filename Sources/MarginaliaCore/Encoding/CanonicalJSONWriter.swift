/// The bytes of canonical JSON, written directly: what `CanonicalJSON` (Foundation's
/// `JSONEncoder` with sorted keys and unescaped slashes) produces, without its generic
/// `Codable` machinery. No white space; `/` unescaped; control characters as
/// `\b \f \n \r \t` or `\u00xx`; everything else raw UTF-8; members in code-point
/// order of their names (the caller's job for fixed shapes, `object` sorts).
///
/// Shared by `CanonicalChangeWriter` (changes as stored and sent) and `JSONValue`
/// (the `--json` output), each held to `CanonicalJSON` by a property test.
struct CanonicalJSONWriter {
    private var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// As `JSONEncoder` writes a `Double`: its shortest description, without a final
    /// `.0`. (Infinity and NaN, which JSON cannot hold, never reach here.)
    mutating func number(_ value: Double) {
        let text = value.description
        bytes.append(contentsOf: (text.hasSuffix(".0") ? text.dropLast(2) : text[...]).utf8)
    }

    /// An object whose members are written in code-point order of their names.
    mutating func object<Value>(_ members: [(String, Value)], _ writeValue: (inout Self, Value) -> Void) {
        raw("{")
        for (index, (name, value)) in members.sorted(by: { Self.precedes($0.0, $1.0) }).enumerated() {
            if index > 0 { raw(",") }
            string(name)
            raw(":")
            writeValue(&self, value)
        }
        raw("}")
    }

    /// Code-point order, which for UTF-8 is byte order.
    static func precedes(_ first: String, _ second: String) -> Bool {
        first.utf8.lexicographicallyPrecedes(second.utf8)
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs that need no escape are copied whole: most text has no escape at all.
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                escape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw("\\\"")
        case UInt8(ascii: "\\"): raw("\\\\")
        case 0x08: raw("\\b")
        case 0x09: raw("\\t")
        case 0x0A: raw("\\n")
        case 0x0C: raw("\\f")
        case 0x0D: raw("\\r")
        default:
            raw("\\u00")
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
