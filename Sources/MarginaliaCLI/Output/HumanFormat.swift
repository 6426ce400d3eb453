import Foundation
import MarginaliaCore

/// Small pieces of the human-readable output shared by several commands.
enum HumanFormat {
    /// Ids are shown by their first eight characters; any four or more are accepted back.
    static func short(_ id: EntityID) -> String { String(id.rawValue.prefix(8)) }

    /// A time in the local zone, to the minute: `2026-11-29 14:27`.
    static func time(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let components = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", components.year ?? 0, components.month ?? 0, components.day ?? 0,
            components.hour ?? 0, components.minute ?? 0)
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
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let cut = flat.count > limit ? flat.prefix(limit - 1) + "…" : Substring(flat)
        return "“\(cut)”"
    }
}
