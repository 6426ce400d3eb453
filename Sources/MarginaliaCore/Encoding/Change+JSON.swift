/// The JSON forms of the model, member for member what their `Codable` conformances
/// write (a property test compares the two), for the `--json` output.

extension VersionVector: JSONRepresentable {
    public var json: JSONValue {
        .object(counters.map { JSONValue.Member($0.key.rawValue, $0.value.json) })
    }
}

extension Dot: JSONRepresentable {
    public var json: JSONValue { .members(["counter": counter, "replica": replica.rawValue]) }
}

extension Anchor: JSONRepresentable {
    public var json: JSONValue {
        .members([
            "start": start, "end": end, "quote": quote, "prefix": prefix, "suffix": suffix, "revision": revision,
        ])
    }
}

extension FieldValue: JSONRepresentable {
    public var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .none: .null
        case .flag(let flag): .bool(flag)
        case .reference(let entity): .string(entity.rawValue)
        case .anchor(let anchor): anchor.json
        }
    }
}

extension Change: JSONRepresentable {
    public var json: JSONValue {
        .members([
            "replica": dot.replica.rawValue, "counter": dot.counter, "lamport": lamport, "time": time,
            "entity": entity.rawValue, "kind": kind.rawValue,
            "fields": JSONValue.object(fields.map { JSONValue.Member($0.key.rawValue, $0.value.json) }),
            "context": context,
        ])
    }
}
