/// A JSON document built in code, written in the canonical form.
///
/// Why not `Encodable` and `JSONEncoder` for `--json`: `show --json` of 500 annotations
/// spent two fifths of its instructions in the generic `Codable` machinery. Building
/// the document as a value keeps every key visible where the shape is defined, and
/// `CanonicalJSONWriter` writes it with the bytes `CanonicalJSON` would (a property
/// test holds the two together).
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    /// A number with a fraction. Must be finite: JSON has no infinity or NaN.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Members in any order, each name once; written in code-point order of the names.
    /// (An array, not a dictionary: `show --json` builds thousands of small objects,
    /// and hashing their names cost more than sorting them once when written.)
    case object([Member])

    public struct Member: Sendable {
        public var name: String
        public var value: JSONValue

        public init(_ name: String, _ value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// An object of the members that have a value: a nil one is left out, as
    /// `Encodable` leaves out a nil optional (write `.null` to keep a member as null).
    /// Members given in code-point order of their names are written without sorting.
    public static func members(_ members: KeyValuePairs<String, (any JSONRepresentable)?>) -> JSONValue {
        .object(members.compactMap { name, value in value.map { Member(name, $0.json) } })
    }

    /// This object with `more` members (nil ones left out, a name already present
    /// replaced); any other value unchanged.
    public func adding(_ more: KeyValuePairs<String, (any JSONRepresentable)?>) -> JSONValue {
        guard case .object(var members) = self else { return self }
        for (name, value) in more {
            guard let value else { continue }
            members.removeAll { $0.name == name }
            members.append(Member(name, value.json))
        }
        return .object(members)
    }

    /// The canonical text: no white space, members in code-point order of their names.
    public var canonicalString: String {
        var writer = CanonicalJSONWriter()
        writer.write(self)
        return writer.string
    }
}

extension CanonicalJSONWriter {
    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): raw(flag ? "true" : "false")
        case .integer(let integer): number(integer)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let elements):
            raw("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { raw(",") }
                write(element)
            }
            raw("]")
        case .object(let members):
            let inOrder = zip(members, members.dropFirst()).allSatisfy { Self.precedes($0.name, $1.name) }
            raw("{")
            for (index, member) in (inOrder ? members : members.sorted { Self.precedes($0.name, $1.name) }).enumerated() {
                if index > 0 { raw(",") }
                string(member.name)
                raw(":")
                write(member.value)
            }
            raw("}")
        }
    }
}
