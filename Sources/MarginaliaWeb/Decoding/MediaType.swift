/// An HTTP `Content-Type` value, `text/html; charset="windows-1258"`: what decides,
/// before the page's own bytes, what a fetched page is and how it is encoded.
public struct MediaType: Equatable, Sendable {
    /// The type and subtype, lowercased: `text/html`.
    public let essence: String
    /// The `charset` parameter as written (quotes removed), if any.
    public let charset: String?

    /// Parses `value`; nil when it has no `type/subtype` (then the header says nothing).
    public init?(_ value: String) {
        var parts = value.split(separator: ";", omittingEmptySubsequences: false).map(\.trimmingASCIIWhitespace)
        let essence = parts.removeFirst().lowercased()
        guard let slash = essence.firstIndex(of: "/"), slash != essence.startIndex, essence.index(after: slash) != essence.endIndex
        else { return nil }
        self.essence = essence
        charset = parts.lazy.compactMap { parameter -> String? in
            guard let equals = parameter.firstIndex(of: "="),
                parameter[..<equals].trimmingASCIIWhitespace.lowercased() == "charset"
            else { return nil }
            let value = parameter[parameter.index(after: equals)...].trimmingASCIIWhitespace
            return value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
        }.first
    }

    /// Whether this is an HTML page: `text/html` or XHTML.
    public var isHTML: Bool { essence == "text/html" || essence == "application/xhtml+xml" }
}
