/// A cursor over JSON bytes in canonical form (`CanonicalJSONWriter`): every read
/// returns nil at the first byte that is not what the canonical form has there, so the
/// readers built on it accept exactly one spelling of each value.
struct CanonicalByteReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    /// An object whose members are in strictly increasing code-point order of their
    /// names (so none repeats), each value read by `member`, which returns false to stop.
    mutating func members(_ member: (inout Self, String) -> Bool) -> Bool {
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

    mutating func take(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let matches = literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[position + $0] == expected[$0] }
        }
        if matches { position += count }
        return matches
    }

    /// Digits without a leading zero (but `0` itself), within `UInt64`.
    mutating func unsigned() -> UInt64? {
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
    mutating func signed() -> Int64? {
        guard take("-") else { return unsigned().flatMap { Int64(exactly: $0) } }
        guard let magnitude = unsigned(), magnitude > 0, magnitude <= Int64.min.magnitude else { return nil }
        return magnitude == Int64.min.magnitude ? .min : -Int64(magnitude)
    }

    /// A string with the canonical escapes only: `\"`, `\\`, `\b \f \n \r \t`, and
    /// `\u00xx` (lowercase) for the other control characters.
    mutating func string() -> String? {
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
