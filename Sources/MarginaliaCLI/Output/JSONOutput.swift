import Foundation
import MarginaliaCore

/// The JSON produced by `--json`: sorted keys, times as ISO 8601 UTC strings.
enum JSONOutput {
    static func string(_ value: some Encodable) throws -> String {
        try CanonicalJSON.string(value)
    }

    /// A JSON document for a file people may read: indented, keys sorted, so the same
    /// data always gives the same bytes.
    static func document(_ value: some Encodable) throws -> String {
        let encoder = CanonicalJSON.makeEncoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `2026-11-29T13:27:36.123Z` for a time in milliseconds since 1970, exact to the
    /// millisecond (whole seconds are formatted, then the milliseconds appended, since
    /// going through a floating-point `Date` can lose the last one).
    static func time(_ milliseconds: Int64) -> String {
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (whole, fraction) = seconds.remainder < 0 ? (seconds.quotient - 1, seconds.remainder + 1000)
            : (seconds.quotient, seconds.remainder)
        let text = Date(timeIntervalSince1970: Double(whole)).formatted(Date.ISO8601FormatStyle())
        return String(text.dropLast()) + String(format: ".%03dZ", Int(fraction))
    }
}
