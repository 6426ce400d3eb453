import Foundation
import Testing

extension RunResult {
    /// The one JSON document a `--json` command printed.
    func jsonDocument<T: Decodable>(_ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        try #require(lines.count == 1, "one JSON document expected: \(self)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(T.self, from: Data(lines[0].utf8))
    }

    /// The JSON lines a `--json` list command printed.
    func jsonLines<T: Decodable>(_ type: T.Type) throws -> [T] {
        try lines.map { try JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }
}
