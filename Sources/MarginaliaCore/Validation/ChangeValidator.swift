/// Checks that a change is well formed on its own, before anything else is asked of it.
///
/// Every change passes here before it is stored: those from peers and bundles, so that
/// nothing a replica stores could not have been made by a correct replica, and local
/// edits too, so that no replica makes a change its peers would refuse.
public enum ChangeValidator {
    /// The limits a change must respect (see Protocol/README.md).
    public static let maximumFields = 256
    public static let maximumContextEntries = 10_000
    public static let maximumTextBytes = 4 * 1024 * 1024
    /// Counters and Lamport timestamps stay below 2^53, the largest integer every JSON
    /// reader holds exactly (and far from overflowing 64-bit storage).
    public static let maximumCounter: UInt64 = (1 << 53) - 1
    /// A change's canonical JSON must fit in one sync line of 16 MiB, with its envelope
    /// (`ChangeLine`): a text within the text limit can still exceed it when its
    /// characters need `\u00XX` escapes.
    public static let maximumEncodedBytes = 16 * 1024 * 1024 - ChangeLine.envelopeBytes

    /// Throws the first problem found in `change`.
    public static func validate(_ change: Change) throws(ChangeRejection) {
        let dot = change.dot
        guard dot.counter > 0 else { throw reject(change, "counters start at 1") }
        guard change.lamport > 0 else { throw reject(change, "Lamport timestamps start at 1") }
        let counters = [dot.counter, change.lamport] + Array(change.context.counters.values)
            + change.fields.values.compactMap { $0.anchor?.revision?.counter }
        guard counters.allSatisfy({ $0 <= maximumCounter }) else {
            throw reject(change, "a counter or timestamp exceeds 2^53 - 1")
        }
        if let revision = change.fields.values.compactMap({ $0.anchor?.revision }).first, revision.counter == 0 {
            throw reject(change, "its anchor's revision counter is 0")
        }
        guard !change.fields.isEmpty else { throw reject(change, "it writes no field") }
        guard change.fields.count <= maximumFields else { throw reject(change, "it writes more than \(maximumFields) fields") }
        guard change.context.counters.count <= maximumContextEntries else {
            throw reject(change, "its context has more than \(maximumContextEntries) entries")
        }
        guard change.context[dot.replica] == dot.counter - 1 else {
            throw reject(change, "its context must hold \(dot.replica):\(dot.counter - 1), its author's previous change")
        }
        for (field, value) in change.fields {
            guard change.kind.accepts(field) else { throw reject(change, "an \(change.kind) has no field '\(field)'") }
            guard value.isOfType(field.valueType) else { throw reject(change, "field '\(field)' has a value of the wrong type") }
            try validate(value, of: field, in: change)
        }
    }

    private static func validate(_ value: FieldValue, of field: FieldName, in change: Change) throws(ChangeRejection) {
        switch value {
        case .text(let text):
            try validateText(text, of: field, in: change)
            if field == .title, text.isEmpty || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw reject(change, "the title is empty or holds control characters")
            }
        case .anchor(let anchor):
            for text in [anchor.quote, anchor.prefix, anchor.suffix] { try validateText(text, of: field, in: change) }
            guard anchor.start >= 0, anchor.end > anchor.start,
                  anchor.quote.unicodeScalars.count == anchor.end - anchor.start
            else { throw reject(change, "its anchor \(anchor.start)-\(anchor.end) does not fit its quote") }
            guard anchor.prefix.unicodeScalars.count <= Anchor.contextLength,
                  anchor.suffix.unicodeScalars.count <= Anchor.contextLength
            else { throw reject(change, "its anchor keeps more than \(Anchor.contextLength) scalars of context") }
        case .none, .flag, .reference:
            break
        }
    }

    private static func validateText(_ text: String, of field: FieldName, in change: Change) throws(ChangeRejection) {
        guard text.utf8.count <= maximumTextBytes else {
            throw reject(change, "field '\(field)' is longer than \(maximumTextBytes) bytes")
        }
        guard TextNormalization.isNFC(text) else { throw reject(change, "field '\(field)' is not in NFC") }
    }

    private static func reject(_ change: Change, _ problem: String) -> ChangeRejection {
        ChangeRejection(.malformedChange, "change \(change.dot): \(problem)")
    }
}
