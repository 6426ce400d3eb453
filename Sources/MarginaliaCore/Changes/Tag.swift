/// A validated tag name: NFC text without white space or control characters, at most 64 scalars.
///
/// Tags are compared exactly after normalization (no case folding), like git refs,
/// so `Urgent` and `urgent` are two tags.
public struct Tag: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let maximumLength = 64

    public let name: String

    /// Nil when `text` is empty, too long, or holds white space, control characters or commas.
    public init?(_ text: String) {
        let name = TextNormalization.nfc(text)
        let scalars = name.unicodeScalars
        guard !scalars.isEmpty, scalars.count <= Self.maximumLength,
              scalars.allSatisfy({ !$0.properties.isWhitespace && $0.properties.generalCategory != .control
                  && $0 != "," })
        else { return nil }
        self.name = name
    }

    public var description: String { name }

    public static func < (lhs: Tag, rhs: Tag) -> Bool { lhs.name < rhs.name }
}
