/// A coding key whose text is whatever the JSON object holds (replica ids, field names).
struct DynamicCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Throws when the JSON object being decoded has a key outside `known`: a
    /// change or anchor with extra members would decode equal to one without them,
    /// so two different byte strings could pass for the same change.
    func rejectUnknownKeys(_ known: some Sequence<some CodingKey>) throws {
        try rejectUnknownMembers(Set(known.map(\.stringValue)))
    }

    /// Throws when the JSON object being decoded has a member not named in `allowed`.
    public func rejectUnknownMembers(_ allowed: Set<String>) throws {
        let container = try container(keyedBy: DynamicCodingKey.self)
        if let unknown = container.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(
                forKey: unknown, in: container, debugDescription: "unknown member '\(unknown.stringValue)'")
        }
    }
}
