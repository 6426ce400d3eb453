import Foundation
import MarginaliaCore

/// Encodes and decodes protocol lines. Encoding is canonical (sorted keys, no
/// white space); decoding is strict: unknown types and members are refused.
public struct MessageCoding {
    private let encoder = CanonicalJSON.makeEncoder()
    private let decoder = JSONDecoder()

    public init() {}

    /// The message as one line of bytes, without the newline.
    public func encode(_ message: SyncMessage) throws -> Data {
        try encoder.encode(MessageEnvelope(message))
    }

    /// The message in `line` (without the newline); throws `ProtocolError` (`malformed_line`) for anything else.
    public func decode(_ line: some Collection<UInt8>, lineNumber: Int) throws(ProtocolError) -> SyncMessage {
        guard UTF8Validation.firstInvalidOffset(in: line) == nil else {
            throw ProtocolError(.malformedLine, "the line is not valid UTF-8", line: lineNumber)
        }
        if let change = Self.canonicalChange(in: line) { return .change(change) }
        do {
            return try decoder.decode(MessageEnvelope.self, from: Data(line)).message
        } catch {
            throw ProtocolError(.malformedLine, Self.explain(error), line: lineNumber)
        }
    }

    /// The change of a change line written the way peers write it (`ChangeLine` around
    /// a canonical change), without `JSONDecoder`; nil for any other line, which the
    /// general decoder then reads or refuses.
    private static func canonicalChange(in line: some Collection<UInt8>) -> Change? {
        line.withContiguousStorageIfAvailable { bytes -> Change? in
            ChangeLine.payload(in: bytes).flatMap { CanonicalChangeReader.change($0) }
        } ?? nil
    }

    private static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context):
            Self.describe(context)
        case DecodingError.keyNotFound(let key, let context):
            "missing member '\(key.stringValue)'" + (context.codingPath.isEmpty ? "" : " in \(Self.path(context))")
        default:
            "not a protocol message"
        }
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        let path = Self.path(context)
        let detail = context.underlyingError == nil ? context.debugDescription : "not a JSON object"
        return path.isEmpty ? detail : "\(path): \(detail)"
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}

/// The JSON shape of a message: `type` beside the message's own members (a change is
/// nested under `change`).
struct MessageEnvelope: Codable {
    var message: SyncMessage

    init(_ message: SyncMessage) { self.message = message }

    private enum Key: String, CodingKey {
        case type, change
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "challenge":
            try decoder.rejectUnknownMembers(["type", "nonce"])
            message = .challenge(try Challenge(from: decoder))
        case "hello":
            try decoder.rejectUnknownMembers(["type", "protocol", "version", "replica", "name", "knowledge", "auth"])
            message = .hello(try Hello(from: decoder))
        case "change":
            try decoder.rejectUnknownMembers(["type", "change"])
            message = .change(try container.decode(Change.self, forKey: .change))
        case "done":
            try decoder.rejectUnknownMembers(["type", "count"])
            message = .done(try Done(from: decoder))
        case "error":
            try decoder.rejectUnknownMembers(["type", "code", "message", "line"])
            message = .error(try ProtocolError(from: decoder))
        case "digest":
            try decoder.rejectUnknownMembers(["type", "digest"])
            message = .digest(try SessionDigest(from: decoder))
        case "probe":
            try decoder.rejectUnknownMembers(["type", "ranges"])
            message = .probe(try Probe(from: decoder))
        case "range_digests":
            try decoder.rejectUnknownMembers(["type", "digests"])
            message = .rangeDigests(try RangeDigests(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown message type '\(type)'")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(message.type, forKey: .type)
        switch message {
        case .challenge(let challenge): try challenge.encode(to: encoder)
        case .hello(let hello): try hello.encode(to: encoder)
        case .change(let change): try container.encode(change, forKey: .change)
        case .done(let done): try done.encode(to: encoder)
        case .error(let error): try error.encode(to: encoder)
        case .digest(let digest): try digest.encode(to: encoder)
        case .probe(let probe): try probe.encode(to: encoder)
        case .rangeDigests(let digests): try digests.encode(to: encoder)
        }
    }
}
