import Foundation
import MarginaliaSync

/// A transport that plays back fixed input lines and records what is sent: lets a test
/// (or a conformance vector) be the peer, line by line.
final class ScriptedTransport: LineTransport {
    private var input: [[UInt8]]
    private(set) var sent: [String] = []

    init(lines: [String]) {
        input = lines.map { Array($0.utf8) }
    }

    func receiveLine() async throws -> [UInt8]? {
        input.isEmpty ? nil : input.removeFirst()
    }

    func send(_ line: Data) async throws {
        sent.append(String(decoding: line, as: UTF8.self))
    }

    func flush() async throws {}

    func finishSending() async throws {}
}
