import Foundation
import Testing

/// What Protocol/bad-input.md says a refusing responder does, for the replays of it
/// against a replica's `serve --stdio` (`SyncBadInputTests`) and against a hub process
/// over TLS (`HubBadInputTests`): the framing cases, which cannot be vectors (vectors hold
/// lines of text), as the bytes an initiator sends, and the shape of every refusal.
enum BadInputCatalogue {
    /// A framing case: the input, and the refusal it gets.
    struct Framing {
        var name: String
        var input: Data
        var code: String
        var line: Int
    }

    /// "Not UTF-8", "No final newline" and "Line too long", after a hello from `replica`.
    static func framing(replica: String = "bbbbbbbbbbbbbbbb") -> [Framing] {
        let hello = Data((ProtocolLines.hello(replica: replica) + "\n").utf8)
        var notUTF8 = hello + Data("{\"count\":0,\"type\":\"d".utf8)
        notUTF8.append(contentsOf: [0xFF])
        notUTF8.append(Data("one\"}\n".utf8))
        var tooLong = hello + Data("{\"type\":\"change\",\"change\":{\"junk\":\"".utf8)
        tooLong.append(Data(repeating: UInt8(ascii: "a"), count: 16 * 1024 * 1024 + 1))
        tooLong.append(Data(("\"}}\n" + ProtocolLines.done(1) + "\n").utf8))
        return [
            Framing(name: "not UTF-8", input: notUTF8, code: "malformed_line", line: 2),
            Framing(name: "no final newline", input: hello + Data(ProtocolLines.done(0).utf8), code: "malformed_line", line: 2),
            Framing(name: "line too long", input: tooLong, code: "line_too_long", line: 2),
        ]
    }

    /// The lines a responder sent in a session it refused: `before` (the types of its own
    /// lines before the refusal: its hello, when the refused line is not line 1), then
    /// exactly one `error` line with `code`, `line` and a message.
    static func expectRefusal(
        _ lines: [String], code: String, line: Int, before: [String], _ comment: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(ProtocolLines.types(of: lines) == before + ["error"], "\(comment): \(lines)", sourceLocation: sourceLocation)
        let error = lines.last.flatMap { try? JSONDecoder().decode(ProtocolErrorDoc.self, from: Data($0.utf8)) }
        #expect(error?.code == code && error?.line == line, "\(comment): \(lines)", sourceLocation: sourceLocation)
        #expect(error?.message.isEmpty == false, "\(comment): \(lines)", sourceLocation: sourceLocation)
    }
}
