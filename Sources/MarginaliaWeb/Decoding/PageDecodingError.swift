/// Why a page's bytes could not be read as text. Bytes are never replaced by U+FFFD: a
/// page decoded with the wrong encoding would be stored, annotated and synced as
/// nonsense, so the import stops at the first byte that does not fit.
public enum PageDecodingError: Error, Equatable, Sendable {
    /// The byte at `offset` (counted from the first byte of the page, a byte-order mark
    /// included) does not decode in `encoding`, chosen as `reason` says.
    case undecodable(offset: Int, encoding: PageEncoding, reason: EncodingReason)
    /// `label` names an encoding the WHATWG standard maps to `replacement` (ISO-2022-KR,
    /// HZ…): browsers refuse to decode such pages, and so does Marginalia.
    case unsupported(label: String)
    /// This system's iconv has no converter for `encoding`.
    case noConverter(encoding: PageEncoding)

    /// The one-line message for a page named `source` (a path or URL).
    public func message(source: String) -> String {
        switch self {
        case .undecodable(let offset, let encoding, let reason):
            "\(source) is not valid \(encoding) (bad byte at offset \(offset); \(reason))"
        case .unsupported(let label): "\(source) is in the encoding '\(label)', which browsers and Marginalia refuse to decode"
        case .noConverter(let encoding): "\(source) is in \(encoding), which this system's iconv cannot convert"
        }
    }
}

/// Where the encoding a page was decoded with came from, in the order they are trusted.
public enum EncodingReason: Equatable, Sendable, CustomStringConvertible {
    case byteOrderMark
    case contentType
    case metaTag
    /// No byte-order mark, but the first characters are UTF-16 (`PageDecoder`).
    case utf16Pattern
    case defaultEncoding

    public var description: String {
        switch self {
        case .byteOrderMark: "the encoding its byte-order mark names"
        case .contentType: "the encoding its HTTP Content-Type names"
        case .metaTag: "the encoding its <meta> tag names"
        case .utf16Pattern: "it has no byte-order mark, but its first characters are UTF-16"
        case .defaultEncoding: "it names no encoding, and UTF-8 is the default"
        }
    }
}
