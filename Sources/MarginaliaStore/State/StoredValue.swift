import Foundation
import GRDB
import MarginaliaCore

/// How register values sit in the `siblings` table: as plain SQLite values a person
/// can read with `sqlite3` (text as TEXT, flags as 0/1, a cleared source as NULL,
/// anchors as canonical JSON), typed back by the field they belong to.
enum StoredValue {
    static func databaseValue(_ value: FieldValue) -> DatabaseValue {
        switch value {
        case .text(let text): text.databaseValue
        case .none: .null
        case .flag(let flag): flag.databaseValue
        case .reference(let entity): entity.rawValue.databaseValue
        case .anchor(let anchor): CanonicalChangeWriter.json(anchor).databaseValue
        }
    }

    static func fieldValue(_ stored: DatabaseValue, for field: FieldName) throws -> FieldValue {
        switch (field.valueType, stored.storage) {
        case (.optionalText, .null): return .none
        case (.text, .string(let text)), (.optionalText, .string(let text)): return .text(text)
        case (.flag, .int64(let number)): return .flag(number != 0)
        case (.reference, .string(let text)):
            if let entity = EntityID(text) { return .reference(entity) }
        case (.anchor, .string(let json)):
            return .anchor(try CanonicalJSON.decode(Anchor.self, from: Data(json.utf8)))
        default:
            break
        }
        throw CorruptReplicaError("stored value \(stored) does not fit field '\(field)'")
    }
}
