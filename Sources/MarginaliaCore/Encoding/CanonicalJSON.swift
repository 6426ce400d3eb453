import Foundation

/// The one JSON form of log entries and wire messages: sorted keys, no white space,
/// slashes unescaped, non-ASCII text as raw UTF-8.
///
/// Replicas compare changes byte for byte (a known dot arriving with other bytes is
/// equivocation), so every replica must encode a change identically. Foundation's
/// encoder is deterministic with these options and is the fastest JSON writer on
/// this platform (`JSONSerialization` is ten times slower at writing).
public enum CanonicalJSON {
    /// Encodes `value` canonically.
    public static func encode(_ value: some Encodable) throws -> Data {
        try makeEncoder().encode(value)
    }

    /// Encodes `value` canonically as a string.
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Decodes a value from JSON bytes.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try JSONDecoder().decode(type, from: data)
    }

    /// A fresh encoder with the canonical options (encoders are not thread-safe to share).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
