/// The name of one register of an entity.
///
/// Articles have `title`, `body` and `source`; annotations have `article`, `anchor`
/// and `note`; both have `alive` (written `true` by every edit and `false` by a
/// delete, so an edit concurrent with a delete shows up as a conflict of this
/// register) and one `tag:NAME` register per tag ever set.
public enum FieldName: Hashable, Comparable, Sendable, CustomStringConvertible {
    case title, body, source
    case article, anchor, note
    case alive
    case tag(String)

    /// Parses the wire form (`title`, `tag:urgent`, ...); nil for unknown names and
    /// for tag names that are invalid or not in NFC.
    public init?(_ text: String) {
        switch text {
        case "title": self = .title
        case "body": self = .body
        case "source": self = .source
        case "article": self = .article
        case "anchor": self = .anchor
        case "note": self = .note
        case "alive": self = .alive
        default:
            let name = String(text.dropFirst(Self.tagPrefix.count))
            // The wire form must already be canonical: a valid tag, in NFC.
            guard text.hasPrefix(Self.tagPrefix), let tag = Tag(name), tag.name.utf8.elementsEqual(name.utf8)
            else { return nil }
            self = .tag(tag.name)
        }
    }

    /// The wire form.
    public var rawValue: String {
        switch self {
        case .title: "title"
        case .body: "body"
        case .source: "source"
        case .article: "article"
        case .anchor: "anchor"
        case .note: "note"
        case .alive: "alive"
        case .tag(let name): Self.tagPrefix + name
        }
    }

    public var description: String { rawValue }

    /// Whether concurrent values of this register count as a conflict for people to
    /// resolve. Tags are an add-wins set and `alive` conflicts are reported as
    /// edit-versus-delete, so neither is a field conflict.
    public var isUserField: Bool {
        switch self {
        case .alive, .tag: false
        default: true
        }
    }

    /// The type of value the register holds.
    public var valueType: FieldValue.ValueType {
        switch self {
        case .title, .body, .note: .text
        case .source: .optionalText
        case .article: .reference
        case .anchor: .anchor
        case .alive, .tag: .flag
        }
    }

    /// Whether the register holds text, which can be typed, merged and diffed.
    public var holdsText: Bool { valueType == .text || valueType == .optionalText }

    public static func < (lhs: FieldName, rhs: FieldName) -> Bool { lhs.rawValue < rhs.rawValue }

    static let tagPrefix = "tag:"
}
