import Crypto
import Foundation

/// A digest of a set of changes: the sum, modulo 2^256, of each change's SHA-256 over its
/// canonical bytes.
///
/// A sum rather than a hash of the concatenation because it is kept up to date one change
/// at a time and does not depend on the order changes were appended in: two replicas
/// holding the same changes have the same digest, whatever path the changes took, and
/// the digest of a range is the digest of the whole minus the rest. A change altered on
/// the way (one bit of a note) changes its hash and so the sum; an adversary who could
/// find changes whose hashes sum to another's would be attacking SHA-256 itself.
public struct LogDigest: Hashable, Sendable, CustomStringConvertible {
    /// The 256-bit value as four 64-bit limbs, most significant first.
    private var limbs: (UInt64, UInt64, UInt64, UInt64)

    /// The digest of no changes.
    public static let zero = LogDigest(limbs: (0, 0, 0, 0))

    private init(limbs: (UInt64, UInt64, UInt64, UInt64)) { self.limbs = limbs }

    /// The digest of one change whose hash is `bytes` (32 bytes, read big-endian).
    public init?(hash bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var words = [UInt64](repeating: 0, count: 4)
        for (index, byte) in bytes.enumerated() { words[index / 8] = words[index / 8] << 8 | UInt64(byte) }
        limbs = (words[0], words[1], words[2], words[3])
    }

    /// The digest of the one change whose canonical JSON is `payload`: its SHA-256.
    public init(payload: String) {
        self.init(hash: Array(SHA256.hash(data: Data(payload.utf8))))!
    }

    /// Reads the 64 lowercase hex digits of `description`.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.value(of: digits[index]), let low = Self.value(of: digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(hash: bytes)
    }

    /// The 32 bytes, big-endian (for storing).
    public var bytes: [UInt8] {
        [limbs.0, limbs.1, limbs.2, limbs.3].flatMap { word in (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
    }

    /// 64 lowercase hex digits, as the protocol sends it.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// The digest of both sets (disjoint) of changes.
    public static func + (left: LogDigest, right: LogDigest) -> LogDigest {
        let (d, c3) = left.limbs.3.addingReportingOverflow(right.limbs.3)
        let (c, c2) = Self.add(left.limbs.2, right.limbs.2, carry: c3)
        let (b, c1) = Self.add(left.limbs.1, right.limbs.1, carry: c2)
        let (a, _) = Self.add(left.limbs.0, right.limbs.0, carry: c1)
        return LogDigest(limbs: (a, b, c, d))
    }

    /// The digest of `left`'s changes without `right`'s (which `left` includes).
    public static func - (left: LogDigest, right: LogDigest) -> LogDigest {
        left + right.negated
    }

    public static func += (left: inout LogDigest, right: LogDigest) { left = left + right }

    public static func == (left: LogDigest, right: LogDigest) -> Bool { left.limbs == right.limbs }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(limbs.0)
        hasher.combine(limbs.1)
        hasher.combine(limbs.2)
        hasher.combine(limbs.3)
    }

    /// The two's complement: `x + x.negated == .zero`.
    private var negated: LogDigest {
        LogDigest(limbs: (~limbs.0, ~limbs.1, ~limbs.2, ~limbs.3)) + LogDigest(limbs: (0, 0, 0, 1))
    }

    private static func add(_ left: UInt64, _ right: UInt64, carry: Bool) -> (UInt64, Bool) {
        let (sum, overflow) = left.addingReportingOverflow(right)
        let (withCarry, overflowAgain) = sum.addingReportingOverflow(carry ? 1 : 0)
        return (withCarry, overflow || overflowAgain)
    }

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

extension LogDigest: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digest = LogDigest(hex: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a digest (64 lowercase hex digits)")
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
