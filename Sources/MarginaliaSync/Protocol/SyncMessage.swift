import Foundation
import MarginaliaCore

/// One line of the protocol: a JSON object whose `type` says which message it is.
public enum SyncMessage: Sendable, Equatable {
    /// TCP only, sent first by the server: the nonce the client must answer.
    case challenge(Challenge)
    /// Each side's introduction: who it is and what it knows.
    case hello(Hello)
    /// One change the other side lacks.
    case change(Change)
    /// The end of one side's changes.
    case done(Done)
    /// Why the session ends early.
    case error(ProtocolError)
    /// Version 2, after both halves: the digest of the changes both sides now hold.
    case digest(SessionDigest)
    /// Version 2, initiator before its changes: which ranges of changes to digest.
    case probe(Probe)
    /// Version 2, the responder's answer to a `probe`: one digest per range.
    case rangeDigests(RangeDigests)

    /// The `type` member.
    public var type: String {
        switch self {
        case .challenge: "challenge"
        case .hello: "hello"
        case .change: "change"
        case .done: "done"
        case .error: "error"
        case .digest: "digest"
        case .probe: "probe"
        case .rangeDigests: "range_digests"
        }
    }
}

/// `{"type":"challenge","nonce":"…"}`
public struct Challenge: Codable, Sendable, Equatable {
    /// 32 random bytes, base64.
    public var nonce: String
    public init(nonce: String) { self.nonce = nonce }
}

/// `{"type":"hello","protocol":"marginalia-sync","version":1,"replica":"…","name":"…","knowledge":{…}}`
public struct Hello: Codable, Sendable, Equatable {
    public var `protocol`: String
    public var version: Int
    public var replica: ReplicaID
    public var name: String
    public var knowledge: VersionVector
    /// TCP only: the proof of the shared secret.
    public var auth: HelloAuthentication?

    public init(
        replica: ReplicaID, name: String, knowledge: VersionVector, auth: HelloAuthentication? = nil,
        version: Int = ProtocolConstants.version
    ) {
        self.protocol = ProtocolConstants.name
        self.version = version
        self.replica = replica
        self.name = name
        self.knowledge = knowledge
        self.auth = auth
    }

    private enum CodingKeys: String, CodingKey {
        case `protocol`, version, replica, name, knowledge, auth
    }

    /// Decodes strictly: the name must follow `ReplicaNameRule`, since it is stored and
    /// shown wherever the peer's changes are.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.protocol = try container.decode(String.self, forKey: .protocol)
        version = try container.decode(Int.self, forKey: .version)
        replica = try container.decode(ReplicaID.self, forKey: .replica)
        name = try container.decode(String.self, forKey: .name)
        knowledge = try container.decode(VersionVector.self, forKey: .knowledge)
        auth = try container.decodeIfPresent(HelloAuthentication.self, forKey: .auth)
        guard ReplicaNameRule.isWellFormed(name) else {
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: container,
                debugDescription: "not a replica name (1 to 64 characters, NFC, trimmed, no control characters)")
        }
    }
}

/// The authentication members of a TCP `hello` (see `Authenticator`).
public struct HelloAuthentication: Codable, Sendable, Equatable {
    /// The client's nonce (client's hello only), 32 random bytes, base64.
    public var nonce: String?
    /// HMAC-SHA256 proof, base64.
    public var proof: String

    public init(nonce: String?, proof: String) {
        self.nonce = nonce
        self.proof = proof
    }
}

/// `{"digest":"…","type":"digest"}`: the sender's `LogDigest` of the changes both sides
/// hold at the end of a session (or, after a bundle's `done`, of its creator's knowledge).
public struct SessionDigest: Codable, Sendable, Equatable {
    public var digest: LogDigest
    public init(digest: LogDigest) { self.digest = digest }
}

/// `{"ranges":[{"from":1,"replica":"…","to":8}],"type":"probe"}`
public struct Probe: Codable, Sendable, Equatable {
    public var ranges: [CounterRange]
    public init(ranges: [CounterRange]) { self.ranges = ranges }
}

/// `{"digests":["…"],"type":"range_digests"}`, in the order of the probe's ranges.
public struct RangeDigests: Codable, Sendable, Equatable {
    public var digests: [LogDigest]
    public init(digests: [LogDigest]) { self.digests = digests }
}

/// `{"type":"done","count":N}`: N changes were sent before it.
public struct Done: Codable, Sendable, Equatable {
    public var count: Int
    public init(count: Int) { self.count = count }
}

/// `{"type":"error","code":"…","message":"…","line":N}`
public struct ProtocolError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: ProtocolErrorCode
    public var message: String
    /// The line of the receiving side's input that caused it (1-based), when one did.
    public var line: Int?

    public init(_ code: ProtocolErrorCode, _ message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }

    public var description: String {
        "\(code.rawValue): \(message)" + (line.map { " (line \($0))" } ?? "")
    }
}
