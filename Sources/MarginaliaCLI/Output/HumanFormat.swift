import Foundation
import MarginaliaCore

/// Small pieces of the human-readable output shared by several commands.
enum HumanFormat {
    /// Ids are shown by their first eight characters; any four or more are accepted back.
    static func short(_ id: EntityID) -> String { String(id.rawValue.prefix(8)) }

    /// `8x2k3m4n:4`: a change as `log` and `history` head it.
    static func short(_ dot: Dot) -> String { "\(dot.replica.rawValue.prefix(8)):\(dot.counter)" }

    /// A time in the local zone, to the minute: `2026-11-29 14:27`. Through the C
    /// library: `Calendar.current` costs a one-shot command a few milliseconds to load.
    static func time(_ milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2)) "
            + "\(digits(parts.tm_hour, 2)):\(digits(parts.tm_min, 2))"
    }

    /// A replica as people know it: its name when known, else its id.
    static func replica(_ id: ReplicaID, names: [ReplicaID: String]) -> String {
        names[id] ?? id.rawValue
    }

    /// `⚠ conflicted: title, body` or nothing.
    static func conflictNote(_ fields: [FieldName], existence: Existence) -> String? {
        var parts = fields.map(\.rawValue)
        if existence == .contested { parts.insert("edited while deleted", at: 0) }
        return parts.isEmpty ? nil : "⚠ conflict: " + parts.joined(separator: ", ")
    }

    /// A field value in one line, for history and log: text quoted and shortened.
    static func value(_ value: FieldValue) -> String {
        switch value {
        case .text(let text): quoted(text, limit: 40)
        case .none: "(none)"
        case .flag(let flag): flag ? "yes" : "no"
        case .reference(let id): short(id)
        case .anchor(let anchor): "\(anchor.start)-\(anchor.end) \(quoted(anchor.quote, limit: 30))"
        }
    }

    /// `“text”` on one line, cut to `limit` characters with an ellipsis.
    static func quoted(_ text: String, limit: Int) -> String {
        // Most quotes are one short line: no scalar a line break, fewer scalars than the
        // limit (so fewer characters too). Only the others pay for character breaking.
        let scalars = text.unicodeScalars
        if scalars.count <= limit, !scalars.contains(where: isLineBreak) { return "“\(text)”" }
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let head = flat.prefix(limit)
        let cut = head.endIndex < flat.endIndex ? flat.prefix(limit - 1) + "…" : head
        return "“\(cut)”"
    }

    /// The scalars `Character.isNewline` is true for: LF, VT, FF, CR, NEL, LS and PS.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
