import Foundation

// The documents `--json` prints, decoded strictly: a missing required key fails the test.

/// `status --json`.
struct StatusDoc: Decodable {
    struct Replica: Decodable {
        var id: String
        var name: String
        var created: String
    }

    struct Identity: Decodable {
        var fingerprint: String
        var created: String
    }

    var replica: Replica
    var identity: Identity
    var path: String
    var articles: Int
    var annotations: Int
    var changes: Int
    var conflicts: Int
    var knowledge: [String: Int]
    var logDigest: String
    var diverged: [Divergence]

    /// A peer found to hold the same changes with other content.
    struct Divergence: Decodable {
        var replica: String
        var name: String?
        var found: String
        var digestHere: String
        var digestThere: String?

        enum CodingKeys: String, CodingKey {
            case replica, name, found
            case digestHere = "digest_here"
            case digestThere = "digest_there"
        }
    }

    enum CodingKeys: String, CodingKey {
        case replica, identity, path, articles, annotations, changes, conflicts, knowledge, diverged
        case logDigest = "log_digest"
    }
}

/// A line of `list --json`.
struct ArticleSummaryDoc: Decodable {
    var id: String
    var title: String
    var tags: [String]
    var state: String
    var conflicts: [String]
    var updated: String
    var annotationCount: Int

    enum CodingKeys: String, CodingKey {
        case id, title, tags, state, conflicts, updated
        case annotationCount = "annotation_count"
    }
}

/// `show --json` of an article.
struct ArticleDoc: Decodable {
    var id: String
    var title: String
    var body: String
    var source: String?
    var tags: [String]
    var state: String
    var conflicts: [String]
    var created: String
    var updated: String
    var bodyRevision: String
    var annotations: [AnnotationDoc]

    enum CodingKeys: String, CodingKey {
        case id, title, body, source, tags, state, conflicts, created, updated, annotations
        case bodyRevision = "body_revision"
    }
}

/// An annotation in `show --json`, `annotations --json`.
struct AnnotationDoc: Decodable {
    var id: String
    var article: String
    /// Where it is now; nil when orphaned.
    var start: Int?
    var end: Int?
    var status: String
    /// Where it was made, against `revision`.
    var anchoredStart: Int
    var anchoredEnd: Int
    var quote: String
    var prefix: String
    var suffix: String
    /// The body revision it was made against; nil when unknown (imported as an orphan).
    var revision: String?
    var note: String
    var tags: [String]
    var state: String
    var conflicts: [String]
    var created: String
    var updated: String

    enum CodingKeys: String, CodingKey {
        case id, article, start, end, status, quote, prefix, suffix, revision, note, tags, state, conflicts, created
        case updated
        case anchoredStart = "anchored_start"
        case anchoredEnd = "anchored_end"
    }
}

/// A line of `search --json`: an article and its matching notes.
struct SearchResultDoc: Decodable {
    struct Note: Decodable {
        var id: String
        var snippet: String
        var rank: Double
    }

    var article: String
    var title: String
    var snippet: String?
    var rank: Double
    var notes: [Note]
}

/// A line of `tags --json`.
struct TagCountDoc: Decodable, Equatable {
    var tag: String
    var articles: Int
    var annotations: Int
}

/// A line of `history --json` and `log --json`: a change as stored, plus its author's
/// name and a readable time.
struct ChangeDoc: Decodable {
    var replica: String
    var counter: Int
    var lamport: Int
    var time: Int64
    var entity: String
    var kind: String
    var fields: [String: JSONValue]
    var context: [String: Int]
    var replicaName: String
    var isoTime: String

    enum CodingKeys: String, CodingKey {
        case replica, counter, lamport, time, entity, kind, fields, context
        case replicaName = "replica_name"
        case isoTime = "iso_time"
    }
}

/// `verify --json`.
struct VerificationDoc: Decodable {
    var ok: Bool
    var changes: Int
    var rows: Int
    var problems: [String]
}

/// Any JSON value (the fields of a change hold text, flags, references and anchors).
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// Parses the ISO 8601 times of `--json` output (`2026-11-29T13:27:36.123Z`).
func parseISOTime(_ text: String) -> Date? {
    try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}

/// The exact ISO 8601 form, to the millisecond, of `milliseconds` since 1970, computed
/// with integer arithmetic only.
func isoTime(milliseconds: Int64) -> String {
    let seconds = milliseconds / 1000
    let millis = Int(milliseconds % 1000)
    let components = Calendar(identifier: .gregorian).dateComponents(
        in: TimeZone(identifier: "UTC")!, from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    return String(
        format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", components.year!, components.month!, components.day!,
        components.hour!, components.minute!, components.second!, millis)
}
