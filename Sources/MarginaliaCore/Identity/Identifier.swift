/// A random identifier in a short, sortable text form.
///
/// Replicas and entities are named by 80 random bits written as 16 characters of
/// lowercase Crockford base32 (`0-9a-z` without `i l o u`). The alphabet is in ASCII
/// order, so comparing the text compares the numbers, which the merge rules rely on
/// for deterministic tie-breaks. The phantom `Kind` keeps a replica id from being
/// passed where an entity id is expected.
public struct Identifier<Kind>: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Number of characters in the text form.
    public static var length: Int { 16 }

    /// The 16-character text form.
    public let rawValue: String

    /// Accepts a well-formed text form; returns nil for anything else.
    public init?(_ text: String) {
        guard Self.isWellFormed(text.utf8) else { return nil }
        self.rawValue = text
    }

    /// Accepts a well-formed text form; returns nil for anything else. (`String` has its
    /// own initializer: every id read from a replica goes through it, and this generic
    /// one is not specialized across modules.)
    public init?(_ text: some StringProtocol) {
        self.init(String(text))
    }

    /// A fresh identifier drawn from `generator` (a seeded one in tests).
    public static func random(using generator: inout some RandomNumberGenerator) -> Self {
        var text = ""
        text.reserveCapacity(length)
        for _ in 0..<length {
            let digit = Int(generator.next(upperBound: UInt8(IdentifierAlphabet.digits.count)))
            text.append(IdentifierAlphabet.digits[digit])
        }
        return Self(unchecked: text)
    }

    /// A fresh identifier from the system's random source. (Not through
    /// `random(using:)`: an inout `SystemRandomNumberGenerator`, an empty struct, has
    /// one shared address, which ThreadSanitizer reports as a race between threads.)
    public static func random() -> Self {
        Self(unchecked: String((0..<length).map { _ in IdentifierAlphabet.digits.randomElement()! }))
    }

    /// Whether `text` could be a prefix of some identifier (only alphabet characters, not too long).
    public static func isPossiblePrefix(_ text: some StringProtocol) -> Bool {
        text.utf8.count <= length && text.utf8.allSatisfy(IdentifierAlphabet.contains)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    private init(unchecked text: String) { self.rawValue = text }

    private static func isWellFormed(_ utf8: String.UTF8View) -> Bool {
        utf8.count == length && utf8.allSatisfy(IdentifierAlphabet.contains)
    }
}

/// The digits of the identifier text form, in ascending ASCII order.
enum IdentifierAlphabet {
    static let digits: [Character] = Array("0123456789abcdefghjkmnpqrstvwxyz")

    static func contains(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            byte != UInt8(ascii: "i") && byte != UInt8(ascii: "l")
                && byte != UInt8(ascii: "o") && byte != UInt8(ascii: "u")
        default: false
        }
    }
}

/// Marker for identifiers of replicas.
public enum ReplicaKind {}
/// Marker for identifiers of articles and annotations.
public enum EntityKindMarker {}

/// Names one replica: one SQLite file on one machine.
public typealias ReplicaID = Identifier<ReplicaKind>
/// Names one article or annotation, unique across all replicas.
public typealias EntityID = Identifier<EntityKindMarker>

extension Identifier: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let identifier = Self(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a 16-character identifier")
        }
        self = identifier
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
