/// What names a replica's identity (its public key) to people and to peers: the
/// SHA-256 of its certificate's SubjectPublicKeyInfo, in a text form meant to be read
/// aloud, compared at a glance, or pasted.
///
/// The text is Syncthing's device id layout: the 32 bytes in base32 (RFC 4648,
/// `A-Z2-7`, 52 characters), cut into four runs of 13, each followed by a Luhn mod 32
/// check character, so a mistyped character is caught rather than trusting a stranger;
/// the 56 characters are shown as 7 groups of 8 joined by dashes. Parsing forgives what
/// copying and dictation change: case, dashes, white space, and the digits 0, 1 and 8
/// (not in the alphabet) read as O, I and B.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    /// The SHA-256 digest: 32 bytes.
    public let bytes: [UInt8]

    /// The number of bytes in a digest.
    public static let byteCount = 32
    /// The characters of the text form, check characters included, dashes excluded.
    public static let characterCount = 56

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let runLength = 13
    /// A run and its check character.
    private static let runWithCheck = runLength + 1
    private static let groupLength = 8

    /// Wraps a digest; nil unless it is 32 bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = Array(bytes)
    }

    /// Reads the text form (as `description` writes it, or as people retype it).
    public init(parsing text: String) throws(ParseError) {
        var digits: [UInt8] = []
        for scalar in text.unicodeScalars where scalar != "-" && !scalar.properties.isWhitespace {
            guard let digit = Self.digit(of: scalar) else { throw .character(Character(scalar)) }
            digits.append(digit)
        }
        guard digits.count == Self.characterCount else { throw .length(digits.count) }
        var data: [UInt8] = []
        for (index, run) in stride(from: 0, to: digits.count, by: Self.runWithCheck).enumerated() {
            let characters = digits[run..<run + Self.runLength]
            guard Self.checkDigit(of: characters) == digits[run + Self.runLength] else { throw .check(run: index + 1) }
            data += characters
        }
        guard let bytes = Self.bytes(fromBase32: data) else { throw .check(run: Self.characterCount / Self.runWithCheck) }
        self.bytes = bytes
    }

    /// The text form: 7 groups of 8 characters joined by dashes.
    public var description: String {
        let data = Self.base32(bytes)
        var digits: [UInt8] = []
        for run in stride(from: 0, to: data.count, by: Self.runLength) {
            let characters = data[run..<run + Self.runLength]
            digits += characters
            digits.append(Self.checkDigit(of: characters))
        }
        let text = digits.map { Self.alphabet[Int($0)] }
        return stride(from: 0, to: text.count, by: Self.groupLength)
            .map { String(decoding: text[$0..<$0 + Self.groupLength], as: UTF8.self) }
            .joined(separator: "-")
    }

    /// Why a text is not a fingerprint, worded to be shown after the text itself.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// It has this many characters (dashes and spaces aside) instead of 56.
        case length(Int)
        /// It holds a character outside the alphabet.
        case character(Character)
        /// A check character (of this run of 14, from 1) does not match: a typo.
        case check(run: Int)

        /// The dash-separated group (from 1) holding the character at `offset` (from 0).
        private static func group(ofCharacter offset: Int) -> Int { offset / Fingerprint.groupLength + 1 }

        public var description: String {
            switch self {
            case .length(let count):
                "a fingerprint has \(Fingerprint.characterCount) letters and digits (dashes and spaces aside), not \(count)"
            case .character(let character):
                "a fingerprint holds only the letters A to Z and digits 2 to 7, not '\(character)'"
            case .check(let run):
                "a character in groups \(Self.group(ofCharacter: (run - 1) * Fingerprint.runWithCheck)) to "
                    + "\(Self.group(ofCharacter: run * Fingerprint.runWithCheck - 1)) is mistyped "
                    + "(their check character does not match)"
            }
        }
    }

    /// The value of a base32 digit, forgiving case and the digits that look like letters.
    private static func digit(of scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "A"..."Z": UInt8(scalar.value - 65)
        case "a"..."z": UInt8(scalar.value - 97)
        case "2"..."7": UInt8(scalar.value - 50 + 26)
        case "0": 14  // O
        case "1": 8  // I
        case "8": 1  // B
        default: nil
        }
    }

    /// The Luhn mod 32 check digit of `digits`: catches any single mistyped character
    /// and most swaps of neighbours.
    private static func checkDigit(of digits: ArraySlice<UInt8>) -> UInt8 {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            let addend = Int(digit) * (position.isMultiple(of: 2) ? 2 : 1)
            sum += addend / 32 + addend % 32
        }
        return UInt8((32 - sum % 32) % 32)
    }

    /// `bytes` as base32 digits, without padding (the last digit's low bits zero).
    private static func base32(_ bytes: [UInt8]) -> [UInt8] {
        let (digits, leftover) = regroup(bytes, from: 8, to: 5)
        return leftover.bits == 0 ? digits : digits + [UInt8(leftover.value << (5 - leftover.bits))]
    }

    /// The bytes base32 `digits` encode; nil unless they encode exactly a digest, with
    /// the last digit's unused bits zero (so each fingerprint has one text form).
    private static func bytes(fromBase32 digits: [UInt8]) -> [UInt8]? {
        let (bytes, leftover) = regroup(digits, from: 5, to: 8)
        guard bytes.count == byteCount, leftover.value == 0 else { return nil }
        return bytes
    }

    /// `values` of `inWidth` bits each, read as one string of bits and cut into values
    /// of `outWidth` bits; with the bits left over at the end, and their value.
    private static func regroup(_ values: [UInt8], from inWidth: Int, to outWidth: Int)
        -> (values: [UInt8], leftover: (bits: Int, value: Int))
    {
        var regrouped: [UInt8] = []
        var buffer = 0
        var bits = 0
        for value in values {
            buffer = (buffer << inWidth | Int(value)) & ((1 << (inWidth + outWidth)) - 1)
            bits += inWidth
            while bits >= outWidth {
                bits -= outWidth
                regrouped.append(UInt8(buffer >> bits & ((1 << outWidth) - 1)))
            }
        }
        return (regrouped, (bits, buffer & ((1 << bits) - 1)))
    }
}
