import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("Identifier")
struct IdentifierTests {
    @Test(arguments: [
        "0123456789abcdef",
        "ghjkmnpqrstvwxyz",
        "zzzzzzzzzzzzzzzz",
        "0000000000000000",
    ])
    func acceptsWellFormedText(text: String) throws {
        let id = try #require(ReplicaID(text))
        #expect(id.rawValue == text)
        #expect(id.description == text)
        #expect(EntityID(text)?.rawValue == text)
    }

    @Test(arguments: [
        "",
        "0123456789abcde",          // 15 characters
        "0123456789abcdefg",        // 17 characters
        "0123456789abcdei",         // i is not in the alphabet
        "0123456789abcdel",         // l
        "0123456789abcdeo",         // o
        "0123456789abcdeu",         // u
        "0123456789ABCDEF",         // upper case
        "0123456789abcde-",
        "0123456789abcde ",
        "0123456789abcdé",          // 16 bytes but not ASCII
        "0123456789abcd\u{0300}",
    ])
    func rejectsMalformedText(text: String) {
        #expect(ReplicaID(text) == nil)
        #expect(EntityID(text) == nil)
    }

    @Test func randomIdentifiersAreWellFormedAndReproducible() {
        var first = SplitMix64(seed: 99)
        var second = SplitMix64(seed: 99)
        var seen: Set<String> = []
        for _ in 0..<200 {
            let id = ReplicaID.random(using: &first)
            #expect(ReplicaID(id.rawValue) == id)
            #expect(ReplicaID.random(using: &second) == id)
            seen.insert(id.rawValue)
        }
        #expect(seen.count == 200)
        let system = EntityID.random()
        #expect(EntityID(system.rawValue) == system)
    }

    @Test func orderIsTextOrder() {
        var rng = SplitMix64(seed: 3)
        let ids = (0..<100).map { _ in ReplicaID.random(using: &rng) }
        #expect(ids.sorted().map(\.rawValue) == ids.map(\.rawValue).sorted())
        #expect(ReplicaID("0000000000000009")! < ReplicaID("000000000000000a")!)
        #expect(ReplicaID("000000000000000h")! < ReplicaID("000000000000000j")!)
    }

    @Test func possiblePrefixes() {
        #expect(ReplicaID.isPossiblePrefix(""))
        #expect(ReplicaID.isPossiblePrefix("ab12"))
        #expect(ReplicaID.isPossiblePrefix("0123456789abcdef"))
        #expect(!ReplicaID.isPossiblePrefix("0123456789abcdef0"))
        #expect(!ReplicaID.isPossiblePrefix("abi"))
        #expect(!ReplicaID.isPossiblePrefix("AB"))
    }

    @Test func codableRoundTrip() throws {
        let id = Fixture.article
        let json = try CanonicalJSON.string([id])
        #expect(json == "[\"\(id.rawValue)\"]")
        #expect(try CanonicalJSON.decode([EntityID].self, from: Data(json.utf8)) == [id])
        #expect(throws: DecodingError.self) {
            try CanonicalJSON.decode([EntityID].self, from: Data("[\"0123456789abcdei\"]".utf8))
        }
        #expect(throws: DecodingError.self) {
            try CanonicalJSON.decode([EntityID].self, from: Data("[12]".utf8))
        }
    }
}
