/// A JSON-LD member that may hold one value or an array of them (`"type": "Annotation"`
/// or `"type": ["Annotation"]`): W3C and Hypothesis files use both.
///
/// Writes one value bare and several as an array, so exported files read like the
/// examples in the W3C model.
public struct OneOrMany<Element: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    public var values: [Element]

    public init(_ values: [Element]) { self.values = values }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let values = try? single.decode([Element].self) {
            self.values = values
        } else {
            values = [try single.decode(Element.self)]
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        if values.count == 1 { try single.encode(values[0]) } else { try single.encode(values) }
    }
}
