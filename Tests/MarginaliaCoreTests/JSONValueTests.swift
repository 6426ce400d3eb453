import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

/// `JSONValue` must write exactly what `CanonicalJSON` (Foundation's encoder) would,
/// and the model's JSON forms must match their `Codable` conformances.
@Suite struct JSONValueTests {
    @Test func writesWhatCanonicalJSONWritesOnRandomDocuments() throws {
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 500)) {
            var rng = SplitMix64(seed: seed)
            let value = Self.randomValue(depth: 0, using: &rng)
            #expect(value.canonicalString == (try CanonicalJSON.string(Encoded(value: value))), "seed \(seed)")
        }
    }

    @Test func leavesOutMembersWithoutAValue() {
        let missing: String? = nil
        let value = JSONValue.members(["b": 1, "a": missing, "c": JSONValue.null, "é": [true, false]])
        #expect(value.canonicalString == #"{"b":1,"c":null,"é":[true,false]}"#)
        #expect(value.adding(["b": "two", "a": 0, "d": missing]).canonicalString == #"{"a":0,"b":"two","c":null,"é":[true,false]}"#)
    }

    @Test func theModelsJSONFormsAreTheirCodableForms() throws {
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 300)) {
            var rng = SplitMix64(seed: seed)
            let change = CanonicalChangeWriterTests.randomChange(using: &rng)
            #expect(change.json.canonicalString == (try CanonicalJSON.string(change)), "seed \(seed)")
        }
    }

    static func randomValue(depth: Int, using rng: inout SplitMix64) -> JSONValue {
        let names = ["id", "a", "b_c", "A", "a10", "a9", "z", "start", "end", "đọc", "日本", "x\ny", "q\"", "ab"]
        switch rng.int(depth < 3 ? 0...7 : 0...4) {
        case 0: return .null
        case 1: return .bool(rng.chance(0.5))
        case 2: return .integer(Int64.random(in: -(1 << 53)...(1 << 53), using: &rng))
        case 3:
            let double = Double(rng.int(-1_000_000...1_000_000)) / Double(rng.pick([1, 3, 10, 1000, 7]))
            return .number(double)
        case 4:
            var text = RandomText.string(using: &rng, length: rng.int(0...12))
            if rng.chance(0.3) { text += String(Unicode.Scalar(UInt8(rng.int(0...0x1F)))) + "\"\\/" }
            return .string(text)
        case 5, 6:
            // Names once each, in a shuffled order (the writer sorts them).
            let chosen = Array(Set((0..<rng.int(0...5)).map { _ in rng.pick(names) })).sorted().shuffled(using: &rng)
            return .object(chosen.map { JSONValue.Member($0, randomValue(depth: depth + 1, using: &rng)) })
        default:
            return .array((0..<rng.int(0...4)).map { _ in randomValue(depth: depth + 1, using: &rng) })
        }
    }
}

/// Hands a `JSONValue` to Foundation's encoder, the reference.
private struct Encoded: Encodable {
    let value: JSONValue

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .object(let members):
            var container = encoder.container(keyedBy: Name.self)
            for member in members { try container.encode(Encoded(value: member.value), forKey: Name(stringValue: member.name)) }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(Encoded(value: element)) }
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .integer(let integer):
            var container = encoder.singleValueContainer()
            try container.encode(integer)
        case .number(let number):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }
}
