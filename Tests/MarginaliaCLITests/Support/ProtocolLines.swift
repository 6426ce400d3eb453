import Foundation
import Testing

/// Hand-written lines of the sync protocol, and real ones taken from bundle files.
enum ProtocolLines {
    /// A `hello` from replica `replica`.
    static func hello(
        replica: String = "bbbbbbbbbbbbbbbb", name: String = "handwritten", knowledge: [String: Int] = [:],
        protocolName: String = "marginalia-sync", version: Int = 1
    ) -> String {
        return "{\"knowledge\":\(knowledgeText(knowledge)),\"name\":\"\(name)\",\"protocol\":\"\(protocolName)\","
            + "\"replica\":\"\(replica)\",\"type\":\"hello\",\"version\":\(version)}"
    }

    static func done(_ count: Int) -> String { "{\"count\":\(count),\"type\":\"done\"}" }

    /// The `digest` that ends a version 2 session.
    static func digest(_ hex: String) -> String { "{\"digest\":\"\(hex)\",\"type\":\"digest\"}" }

    /// The lines as the input of a session: each followed by a newline.
    static func input(_ lines: [String]) -> Data { Data(lines.map { $0 + "\n" }.joined().utf8) }

    /// The `change` lines of the bundle that `node` writes (everything it holds), in log
    /// order (a bundle is hello, changes, done, digest).
    static func changeLines(of node: ReplicaNode, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let file = node.lab.path("lines-\(UUID().uuidString).bundle")
        try node.ok(["bundle", "create", file], sourceLocation: sourceLocation)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let lines = RunResult.lines(of: try String(contentsOfFile: file, encoding: .utf8))
        try #require(lines.count >= 2, "a bundle is hello, changes, done, digest: \(lines)", sourceLocation: sourceLocation)
        return lines.filter { $0.hasPrefix("{\"change\":") }
    }

    /// The change line of `lines` made by `replica` with `counter`.
    static func line(_ lines: [String], replica: String, counter: Int, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> String
    {
        let found = try lines.first { line in
            let change = try change(of: line)
            return change["replica"] as? String == replica && (change["counter"] as? NSNumber)?.intValue == counter
        }
        return try #require(found, "no change \(replica):\(counter) in \(lines)", sourceLocation: sourceLocation)
    }

    /// The `change` member of a change line.
    static func change(of line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        guard let change = object?["change"] as? [String: Any] else { throw LabError("not a change line: \(line)") }
        return change
    }

    /// `line` (a canonical change line: sorted keys, no white space) with `old` replaced
    /// by `new`, which must occur exactly once.
    static func replacing(_ line: String, _ old: String, with new: String) throws -> String {
        let parts = line.components(separatedBy: old)
        guard parts.count == 2 else { throw LabError("'\(old)' occurs \(parts.count - 1) times in \(line)") }
        return parts.joined(separator: new)
    }

    /// A canonical change line of an article (no anchor inside) with its dot, context or
    /// entity rewritten, as text.
    static func rewriting(
        _ line: String, replica: String? = nil, counter: Int? = nil, context: [String: Int]? = nil,
        entity: String? = nil
    ) throws -> String {
        let change = try change(of: line)
        guard let oldReplica = change["replica"] as? String, let oldCounter = (change["counter"] as? NSNumber)?.intValue,
              let oldEntity = change["entity"] as? String
        else { throw LabError("not a change: \(line)") }
        guard line.hasPrefix("{\"change\":{\"context\":{"), let close = line.firstIndex(of: "}") else {
            throw LabError("not a canonical change line: \(line)")
        }
        let contextText = line[line.index(line.startIndex, offsetBy: "{\"change\":{\"context\":".count)...close]
        var result = "{\"change\":{\"context\":" + (context.map(knowledgeText) ?? String(contextText))
            + String(line[line.index(after: close)...])
        result = try replacing(result, ",\"counter\":\(oldCounter),\"entity\":\"\(oldEntity)\"",
                               with: ",\"counter\":\(counter ?? oldCounter),\"entity\":\"\(entity ?? oldEntity)\"")
        result = try replacing(result, ",\"replica\":\"\(oldReplica)\",\"time\":", with: ",\"replica\":\"\(replica ?? oldReplica)\",\"time\":")
        return result
    }

    /// Each line's message `type` ("?" for a line that is not a message).
    static func types(of lines: [String]) -> [String] {
        lines.map { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["type"] as? String ?? "?"
        }
    }

    /// `{"a":1,"b":2}`, keys sorted.
    static func knowledgeText(_ knowledge: [String: Int]) -> String {
        "{" + knowledge.keys.sorted().map { "\"\($0)\":\(knowledge[$0]!)" }.joined(separator: ",") + "}"
    }
}

extension RunResult {
    /// The protocol lines a `serve --stdio` wrote, decoded as JSON objects' `type`s.
    var protocolTypes: [String] { ProtocolLines.types(of: lines) }

    /// The last line of standard output as a protocol error.
    var protocolError: ProtocolErrorDoc? {
        lines.last.flatMap { try? JSONDecoder().decode(ProtocolErrorDoc.self, from: Data($0.utf8)) }
    }
}
