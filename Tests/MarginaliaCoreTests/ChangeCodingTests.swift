import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("Change coding")
struct ChangeCodingTests {
    let a = Fixture.a, b = Fixture.b

    private var sample: Change {
        Fixture.change(
            a, 1, lamport: 5, time: 1_700_000_000_123,
            fields: [.title: .text("T"), .source: .none, .alive: .flag(true), .tag("x"): .flag(false)],
            context: VersionVector([b: 2]))
    }

    /// The canonical form of `sample`, written out by hand.
    private let sampleJSON = """
        {"context":{"bbbbbbbbbbbbbbbb":2},"counter":1,"entity":"0000000000000art",\
        "fields":{"alive":true,"source":null,"tag:x":false,"title":"T"},"kind":"article",\
        "lamport":5,"replica":"aaaaaaaaaaaaaaaa","time":1700000000123}
        """

    private func decode(_ json: String) throws -> Change {
        try CanonicalJSON.decode(Change.self, from: Data(json.utf8))
    }

    @Test func encodesToTheCanonicalForm() throws {
        #expect(try CanonicalJSON.string(sample) == sampleJSON)
        #expect(try CanonicalJSON.encode(sample) == Data(sampleJSON.utf8))
    }

    @Test func decodesBackEqual() throws {
        #expect(try decode(sampleJSON) == sample)
    }

    @Test func encodingIsDeterministic() throws {
        let first = try CanonicalJSON.encode(sample)
        for _ in 0..<20 {
            var copy = sample
            copy.fields = Dictionary(uniqueKeysWithValues: copy.fields.shuffled().map { ($0.key, $0.value) })
            #expect(try CanonicalJSON.encode(copy) == first)
        }
    }

    @Test func nonASCIITextAndSlashesAreWrittenRaw() throws {
        let change = Fixture.change(a, 1, fields: [.title: .text("Tiếng Việt / 日本 👩‍👩‍👧 \"q\"")])
        let json = try CanonicalJSON.string(change)
        #expect(json.contains("\"title\":\"Tiếng Việt / 日本 👩‍👩‍👧 \\\"q\\\"\""))
        #expect(!json.contains("\\/"))
        #expect(!json.contains("\\u"))
        #expect(!json.contains(" \""))  // no white space between tokens
        #expect(try decode(json) == change)
    }

    @Test func annotationChangeRoundTrips() throws {
        let anchor = Anchor(start: 3, end: 9, quote: "quoted", prefix: "pre ", suffix: " post", revision: Fixture.dot(b, 4))
        let unrevised = Anchor(start: 0, end: 1, quote: "q", prefix: "", suffix: "", revision: nil)
        for value in [anchor, unrevised] {
            let change = Fixture.change(
                a, 2, entity: Fixture.annotation, kind: .annotation,
                fields: [.article: .reference(Fixture.article), .anchor: .anchor(value), .note: .text("n"), .alive: .flag(true)],
                context: VersionVector([a: 1, b: 4]))
            let json = try CanonicalJSON.string(change)
            #expect(try decode(json) == change)
            #expect(try CanonicalJSON.string(try decode(json)) == json)
        }
    }

    @Test func randomChangesRoundTrip() throws {
        var rng = SplitMix64(seed: 2024)
        let texts = ["", "plain", "ệ", "a\"b\\c", "line\nbreak", "🇫🇷", "tab\there", "/path/"]
        for _ in 0..<300 {
            var fields: [FieldName: FieldValue] = [:]
            if rng.chance(0.5) { fields[.title] = .text(rng.pick(texts)) }
            if rng.chance(0.5) { fields[.body] = .text(rng.pick(texts)) }
            if rng.chance(0.5) { fields[.source] = rng.chance(0.5) ? FieldValue.none : .text(rng.pick(texts)) }
            if rng.chance(0.5) { fields[.alive] = .flag(rng.chance(0.5)) }
            if rng.chance(0.5) { fields[.tag(rng.pick(["x", "y", "日本"]))] = .flag(rng.chance(0.5)) }
            let change = Change(
                dot: Dot(replica: ReplicaID.random(using: &rng), counter: UInt64(rng.int(1...1_000_000))),
                lamport: rng.next(), time: Int64.random(in: .min ... .max, using: &rng),
                entity: EntityID.random(using: &rng), kind: .article, fields: fields,
                context: VersionVector([ReplicaID.random(using: &rng): UInt64(rng.int(0...5))]))
            let data = try CanonicalJSON.encode(change)
            let decoded = try CanonicalJSON.decode(Change.self, from: data)
            #expect(decoded == change)
            #expect(try CanonicalJSON.encode(decoded) == data)
        }
    }

    @Test func unknownFieldNameFailsToDecode() {
        let json = sampleJSON.replacingOccurrences(of: "\"title\":\"T\"", with: "\"colour\":\"T\"")
        #expect(throws: DecodingError.self) { try decode(json) }
    }

    /// Extra members would decode to an equal change, so different bytes could pass for the same
    /// change: decoding is strict, at the top level and inside anchors.
    @Test func unknownTopLevelKeysFailToDecode() {
        let json = String(sampleJSON.dropLast()) + ",\"extra\":1}"
        #expect(throws: DecodingError.self) { try decode(json) }
        let anchorJSON = #"{"context":{},"counter":1,"entity":"00000000000000an","fields":{"anchor":"#
            + #"{"end":1,"prefix":"","quote":"q","start":0,"suffix":"","bogus":1}},"#
            + #""kind":"annotation","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":5}"#
        #expect(throws: DecodingError.self) { try decode(anchorJSON) }
    }

    @Test(arguments: [
        ("\"title\":\"T\"", "\"title\":5"),
        ("\"title\":\"T\"", "\"title\":null"),
        ("\"title\":\"T\"", "\"title\":true"),
        ("\"alive\":true", "\"alive\":\"true\""),
        ("\"alive\":true", "\"alive\":1"),
        ("\"tag:x\":false", "\"tag:x\":null"),
        ("\"source\":null", "\"source\":3"),
        ("\"counter\":1", "\"counter\":-1"),
        ("\"counter\":1", "\"counter\":\"1\""),
        ("\"lamport\":5", "\"lamport\":5.5"),
        ("\"time\":1700000000123", "\"time\":\"now\""),
        ("\"kind\":\"article\"", "\"kind\":\"comment\""),
        ("\"entity\":\"0000000000000art\"", "\"entity\":\"0000000000000ARi\""),
        ("\"replica\":\"aaaaaaaaaaaaaaaa\"", "\"replica\":\"aaaa\""),
        ("\"context\":{\"bbbbbbbbbbbbbbbb\":2}", "\"context\":{\"bbbbbbbbbbbbbbbb\":0}"),
        ("\"context\":{\"bbbbbbbbbbbbbbbb\":2}", "\"context\":[]"),
        ("\"fields\":{", "\"fields\":{\"tag:a b\":true,"),
    ])
    func wronglyTypedOrMalformedValuesFailToDecode(original: String, replacement: String) {
        #expect(sampleJSON.contains(original))
        let json = sampleJSON.replacingOccurrences(of: original, with: replacement)
        #expect(throws: DecodingError.self) { try decode(json) }
    }

    @Test func annotationFieldsOfTheWrongTypeFailToDecode() throws {
        let change = Fixture.change(
            a, 1, entity: Fixture.annotation, kind: .annotation,
            fields: [.article: .reference(Fixture.article)])
        let json = try CanonicalJSON.string(change)
        #expect(try decode(json) == change)
        let badReference = json.replacingOccurrences(of: "\"article\":\"0000000000000art\"", with: "\"article\":\"nope\"")
        #expect(throws: DecodingError.self) { try decode(badReference) }
        let badAnchor = json.replacingOccurrences(of: "\"article\":\"0000000000000art\"", with: "\"anchor\":\"nope\"")
        #expect(throws: DecodingError.self) { try decode(badAnchor) }
    }

    @Test(arguments: ["context", "counter", "entity", "fields", "kind", "lamport", "replica", "time"])
    func missingKeysFailToDecode(key: String) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(sampleJSON.utf8)) as? [String: Any])
        object[key] = nil
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try CanonicalJSON.decode(Change.self, from: data) }
    }

    @Test func sortedFieldsAreInNameOrder() {
        #expect(sample.sortedFields.map(\.name) == [.alive, .source, .tag("x"), .title])
    }
}

/// The hand-written writer must give exactly `CanonicalJSON`'s bytes, or replicas that
/// stored the same change through the two paths would differ.
@Suite struct CanonicalChangeWriterTests {
    @Test func matchesCanonicalJSONOnRandomChanges() throws {
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 500)) {
            var rng = SplitMix64(seed: seed)
            let change = Self.randomChange(using: &rng)
            let expected = try CanonicalJSON.string(change)
            #expect(CanonicalChangeWriter.json(change) == expected, "seed \(seed)")
            if case .anchor(let anchor)? = change.fields[.anchor] {
                #expect(CanonicalChangeWriter.json(anchor) == (try CanonicalJSON.string(anchor)), "seed \(seed)")
            }
        }
    }

    @Test func escapesEveryControlCharacterLikeJSONEncoder() throws {
        let every = String(String.UnicodeScalarView((0...0x7F).compactMap(Unicode.Scalar.init)))
            + "\u{85}\u{2028}\u{2029}\u{FEFF}ệ😀/"
        let change = Change(
            dot: Dot(replica: ReplicaID("aaaaaaaaaaaaaaaa")!, counter: 1), lamport: 1, time: -5,
            entity: EntityID("0000000000000001")!, kind: .article, fields: [.title: .text(every)], context: VersionVector())
        #expect(CanonicalChangeWriter.json(change) == (try CanonicalJSON.string(change)))
    }

    static func randomChange(using rng: inout SplitMix64) -> Change {
        func text() -> String {
            var text = RandomText.string(using: &rng, length: rng.int(0...12))
            if rng.chance(0.3) { text += String(Unicode.Scalar(UInt8(rng.int(0...0x1F)))) + "\"\\/" }
            return text
        }
        let tagNames = ["x", "Urgent", "urgent", "a10", "a9", "日本", "đọc", "é", "Z"]
        var fields: [FieldName: FieldValue] = [:]
        let isAnnotation = rng.chance(0.5)
        if isAnnotation {
            if rng.chance(0.7) { fields[.article] = .reference(EntityID.random(using: &rng)) }
            if rng.chance(0.7) { fields[.note] = .text(text()) }
            if rng.chance(0.7) {
                let revision = rng.chance(0.5) ? Dot(replica: ReplicaID.random(using: &rng), counter: UInt64(rng.int(1...99))) : nil
                fields[.anchor] = .anchor(Anchor(
                    start: rng.int(0...500), end: rng.int(0...500), quote: text(), prefix: text(), suffix: text(),
                    revision: revision))
            }
        } else {
            if rng.chance(0.7) { fields[.title] = .text(text()) }
            if rng.chance(0.7) { fields[.body] = .text(text()) }
            if rng.chance(0.5) { fields[.source] = rng.chance(0.5) ? FieldValue.none : .text(text()) }
        }
        if rng.chance(0.5) { fields[.alive] = .flag(rng.chance(0.5)) }
        for _ in 0..<rng.int(0...3) { fields[.tag(rng.pick(tagNames))] = .flag(rng.chance(0.5)) }
        var context = VersionVector()
        for _ in 0..<rng.int(0...4) { context.record(Dot(replica: ReplicaID.random(using: &rng), counter: UInt64(rng.int(1...1 << 40)))) }
        return Change(
            dot: Dot(replica: ReplicaID.random(using: &rng), counter: UInt64(rng.int(1...1_000_000))),
            lamport: UInt64(rng.int(1...1 << 50)), time: Int64(rng.int(-1_000...Int(Int32.max))),
            entity: EntityID.random(using: &rng), kind: isAnnotation ? .annotation : .article, fields: fields,
            context: context)
    }
}
