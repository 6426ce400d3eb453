/// A value with a JSON form, for `JSONValue.members` and the `--json` output.
public protocol JSONRepresentable {
    var json: JSONValue { get }
}

extension JSONValue: JSONRepresentable {
    public var json: JSONValue { self }
}

extension String: JSONRepresentable {
    public var json: JSONValue { .string(self) }
}

extension Bool: JSONRepresentable {
    public var json: JSONValue { .bool(self) }
}

extension Int: JSONRepresentable {
    public var json: JSONValue { .integer(Int64(self)) }
}

extension Int64: JSONRepresentable {
    public var json: JSONValue { .integer(self) }
}

/// Counters and Lamport values: at most 2^53 − 1 (`ChangeValidator`), so they fit.
extension UInt64: JSONRepresentable {
    public var json: JSONValue { .integer(Int64(self)) }
}

extension Double: JSONRepresentable {
    public var json: JSONValue { .number(self) }
}

extension Array: JSONRepresentable where Element: JSONRepresentable {
    public var json: JSONValue { .array(map { $0.json }) }
}
