import Foundation
import MarginaliaCore

/// One vector file of Protocol/vectors/ (format in its README), decoded: replayed
/// in process against a replica (`ConformanceVectorTests`) and against a hub process
/// over TLS (`HubBadInputTests`).
public struct ConformanceVector {
    public enum Outcome: Equatable, Sendable {
        case ok
        case error(code: String, line: Int)
        case peerError(code: String)
        case hungUp(afterLine: Int)
        case divergedAtPeer(line: Int)
    }

    public struct Article: Equatable, Sendable, CustomStringConvertible {
        public var id: String
        public var title: String
        public var state: String
        public var conflicts: [String]
        public var tags: [String]
        public var description: String { "\(id) \(state) '\(title)' conflicts \(conflicts) tags \(tags)" }

        public init(id: String, title: String, state: String, conflicts: [String], tags: [String]) {
            (self.id, self.title, self.state, self.conflicts, self.tags) = (id, title, state, conflicts, tags)
        }
    }

    public var responderID: ReplicaID
    public var responderName: String
    public var responderChanges: [Change]
    public var input: [String]
    public var output: [String]
    public var outcome: Outcome
    public var knowledgeAfter: VersionVector
    public var remembered: (replica: ReplicaID, knowledge: VersionVector?)?
    public var articles: [Article]?

    /// Protocol/vectors/, found from this file up to the package root.
    public static var directory: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("Protocol/vectors")
    }

    /// The vector files' names, sorted.
    public static func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    public init(file: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(file))
        let root = try Self.object(try JSONSerialization.jsonObject(with: data), "the vector")
        let responder = try Self.object(root["responder"], "responder")
        responderID = try Self.replicaID(responder["replica"])
        responderName = try Self.string(responder["name"], "responder.name")
        responderChanges = try (responder["changes"] as? [Any] ?? []).map { change in
            try CanonicalJSON.decode(Change.self, from: try JSONSerialization.data(withJSONObject: change))
        }
        input = try (root["input"] as? [Any] ?? []).map { try Self.string($0, "input") }
        output = try (root["output"] as? [Any] ?? []).map { try Self.string($0, "output") }
        switch root["outcome"] {
        case let text as String where text == "ok":
            outcome = .ok
        case let object as [String: Any]:
            if let code = object["error"] as? String, let line = object["line"] as? Int {
                outcome = .error(code: code, line: line)
            } else if let code = object["peer_error"] as? String {
                outcome = .peerError(code: code)
            } else if let line = object["hung_up_after"] as? Int {
                outcome = .hungUp(afterLine: line)
            } else if let line = object["diverged_at_peer"] as? Int {
                outcome = .divergedAtPeer(line: line)
            } else {
                throw Self.invalid("outcome")
            }
        default:
            throw Self.invalid("outcome")
        }
        let after = try Self.object(root["after"], "after")
        knowledgeAfter = try Self.knowledge(after["knowledge"])
        if let remembered = after["remembered"] as? [String: Any] {
            let knowledge = remembered["knowledge"].flatMap { $0 is NSNull ? nil : $0 }
            self.remembered = (try Self.replicaID(remembered["replica"]), try knowledge.map(Self.knowledge))
        }
        if let articles = after["articles"] as? [[String: Any]] {
            self.articles = try articles.map { article in
                Article(
                    id: try Self.string(article["id"], "id"), title: try Self.string(article["title"], "title"),
                    state: try Self.string(article["state"], "state"),
                    conflicts: article["conflicts"] as? [String] ?? [], tags: article["tags"] as? [String] ?? [])
            }.sorted { $0.id < $1.id }
        }
    }

    private static func knowledge(_ value: Any?) throws -> VersionVector {
        let object = try object(value, "knowledge")
        var counters: [ReplicaID: UInt64] = [:]
        for (key, counter) in object {
            guard let counter = counter as? Int, counter > 0 else { throw invalid("knowledge") }
            counters[try replicaID(key)] = UInt64(counter)
        }
        return VersionVector(counters)
    }

    private static func object(_ value: Any?, _ what: String) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw invalid(what) }
        return object
    }

    private static func string(_ value: Any?, _ what: String) throws -> String {
        guard let text = value as? String else { throw invalid(what) }
        return text
    }

    private static func replicaID(_ value: Any?) throws -> ReplicaID {
        guard let text = value as? String, let id = ReplicaID(text) else { throw invalid("replica id") }
        return id
    }

    private static func invalid(_ what: String) -> CocoaError {
        CocoaError(.coderInvalidValue, userInfo: [NSDebugDescriptionErrorKey: "vector: bad \(what)"])
    }
}
