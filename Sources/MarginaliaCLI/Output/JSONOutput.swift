import MarginaliaCore

/// The JSON produced by `--json` (`JSONValue`s in canonical form): times as ISO 8601
/// UTC strings. Interchange files are documents of their own `Codable` models.
enum JSONOutput {
    /// A JSON document for a file people may read: indented, keys sorted, so the same
    /// data always gives the same bytes.
    static func document(_ value: some Encodable) throws -> String {
        let encoder = CanonicalJSON.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `2026-11-29T13:27:36.123Z` for a time in milliseconds since 1970.
    static func time(_ milliseconds: Int64) -> String {
        ISO8601Time.string(milliseconds: milliseconds)
    }
}
