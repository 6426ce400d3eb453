import MarginaliaCore

extension Existence {
    /// This state as the `existence` column stores it, as an SQL literal. Queries
    /// interpolate it rather than spell the stored value, so the spelling lives here
    /// alone (and in `rawValue`, which the column holds).
    var sql: String { "'\(rawValue)'" }

    /// The check on every `existence` column: it holds one of the states.
    static var columnCheck: String {
        "existence IN (" + allCases.map(\.sql).joined(separator: ", ") + ")"
    }

    /// The state stored in an `existence` column.
    static func stored(_ text: String) throws -> Existence {
        guard let existence = Existence(rawValue: text) else { throw CorruptReplicaError("existence '\(text)'") }
        return existence
    }
}
