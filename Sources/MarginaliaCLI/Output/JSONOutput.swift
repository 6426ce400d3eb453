import MarginaliaCore

/// The JSON produced by `--json` (`JSONValue`s in canonical form): times as ISO 8601 UTC strings.
enum JSONOutput {
    /// `2026-11-29T13:27:36.123Z` for a time in milliseconds since 1970.
    static func time(_ milliseconds: Int64) -> String {
        ISO8601Time.string(milliseconds: milliseconds)
    }
}
