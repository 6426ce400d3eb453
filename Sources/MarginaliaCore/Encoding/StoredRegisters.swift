/// How a replica stores the registers of one entity: a canonical JSON object in the
/// entity's row, from field name to its siblings in dot order, each
/// `[replica, counter, lamport, value]`:
///
///     {"alive":[["3f…",12,40,true]],"body":[["3f…",12,40]],"title":[["3f…",12,40]]}
///
/// The displayed value of a text register (an article's title and body, an annotation's
/// note) is left out, as `[replica, counter, lamport]`: the row holds it in the column of
/// that name, and a text stored twice would double what every sync and import writes.
///
/// Why a column and not a table with a row per sibling: almost every register has one
/// sibling, and a table keyed by random entity ids took a third of an initial sync.
public enum StoredRegisters {
    /// The registers whose displayed value the entity's row holds.
    public static let displayedTextFields: Set<FieldName> = [.title, .body, .note]

    /// The stored form of `registers` (empty registers are left out).
    public static func json(_ registers: [FieldName: Register]) -> String {
        var output = CanonicalJSONWriter(capacity: 256)
        output.object(registers.filter { !$0.value.isEmpty }.map { ($0.key.rawValue, $0) }) { output, entry in
            let (field, register) = entry
            let displayed = displayedTextFields.contains(field) ? register.winner?.dot : nil
            output.raw("[")
            for (index, sibling) in register.siblings.enumerated() {
                if index > 0 { output.raw(",") }
                output.raw("[")
                output.string(sibling.dot.replica.rawValue)
                output.raw(",")
                output.number(sibling.dot.counter)
                output.raw(",")
                output.number(sibling.lamport)
                if sibling.dot != displayed {
                    output.raw(",")
                    output.write(sibling.value)
                }
                output.raw("]")
            }
            output.raw("]")
        }
        return output.string
    }

    /// The registers stored as `json`, the displayed texts taken from `displayedText`;
    /// nil when `json` is not in the stored form or a displayed text is missing.
    public static func registers(_ json: String, displayedText: (FieldName) -> String?) -> [FieldName: Register]? {
        var json = json
        return json.withUTF8 { bytes in
            var reader = CanonicalByteReader(bytes)
            guard let registers = reader.registers(displayedText: displayedText), reader.isAtEnd else { return nil }
            return registers
        }
    }
}

extension CanonicalByteReader {
    fileprivate mutating func registers(displayedText: (FieldName) -> String?) -> [FieldName: Register]? {
        var registers: [FieldName: Register] = [:]
        let complete = members { reader, name in
            guard let field = FieldName(name), let siblings = reader.siblings(of: field, displayedText: displayedText),
                  !siblings.isEmpty
            else { return false }
            registers[field] = Register(siblings: siblings)
            return true
        }
        return complete ? registers : nil
    }

    private mutating func siblings(of field: FieldName, displayedText: (FieldName) -> String?) -> [Sibling]? {
        guard take("[") else { return nil }
        var siblings: [Sibling] = []
        repeat {
            guard take("["), let replica = string().flatMap(ReplicaID.init), take(","), let counter = unsigned(),
                  take(","), let lamport = unsigned()
            else { return nil }
            // Without a value, it is the displayed text of a text register.
            let value = take(",")
                ? self.value(of: field.valueType)
                : StoredRegisters.displayedTextFields.contains(field) ? displayedText(field).map(FieldValue.text) : nil
            guard let value, take("]") else { return nil }
            siblings.append(Sibling(dot: Dot(replica: replica, counter: counter), lamport: lamport, value: value))
        } while take(",")
        return take("]") ? siblings : nil
    }
}
