import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("VersionVector")
struct VersionVectorTests {
    let a = Fixture.a, b = Fixture.b, c = Fixture.c

    @Test func emptyVectorCoversNothing() {
        let empty = VersionVector()
        #expect(empty[a] == 0)
        #expect(!empty.covers(Fixture.dot(a, 1)))
        #expect(empty.counters.isEmpty)
        #expect(empty.description == "{}")
    }

    @Test func zeroCountersAreNotStored() {
        #expect(VersionVector([a: 0]) == VersionVector())
        #expect(VersionVector([a: 0]).counters.isEmpty)
        #expect(VersionVector([a: 0, b: 2]) == VersionVector([b: 2]))

        var vector = VersionVector([a: 3])
        vector[a] = 0
        #expect(vector == VersionVector())
        #expect(vector.counters[a] == nil)
        #expect(Set([VersionVector([a: 0]), VersionVector()]).count == 1)
    }

    @Test func coversDotsUpToTheCounter() {
        let vector = VersionVector([a: 3, b: 1])
        #expect(vector.covers(Fixture.dot(a, 1)))
        #expect(vector.covers(Fixture.dot(a, 3)))
        #expect(!vector.covers(Fixture.dot(a, 4)))
        #expect(vector.covers(Fixture.dot(b, 1)))
        #expect(!vector.covers(Fixture.dot(b, 2)))
        #expect(!vector.covers(Fixture.dot(c, 1)))
    }

    @Test func includesIsPointwiseGreaterOrEqual() {
        let big = VersionVector([a: 3, b: 2])
        #expect(big.includes(VersionVector([a: 3])))
        #expect(big.includes(VersionVector([a: 1, b: 2])))
        #expect(big.includes(VersionVector()))
        #expect(big.includes(big))
        #expect(!big.includes(VersionVector([a: 4])))
        #expect(!big.includes(VersionVector([c: 1])))
        #expect(!VersionVector().includes(big))
    }

    @Test(arguments: [
        ([:], [:], CausalOrder.equal),
        (["a": 1], ["a": 1], .equal),
        (["a": 1], ["a": 2], .before),
        ([:], ["b": 1], .before),
        (["a": 2, "b": 1], ["a": 2], .after),
        (["a": 2], ["b": 1], .concurrent),
        (["a": 2, "b": 1], ["a": 1, "b": 2], .concurrent),
        (["a": 1, "c": 5], ["a": 1, "b": 1, "c": 5], .before),
    ] as [([String: UInt64], [String: UInt64], CausalOrder)])
    func compare(left: [String: UInt64], right: [String: UInt64], expected: CausalOrder) {
        let lhs = vector(left), rhs = vector(right)
        #expect(lhs.compare(to: rhs) == expected)
        let mirrored: CausalOrder = switch expected {
        case .before: .after
        case .after: .before
        default: expected
        }
        #expect(rhs.compare(to: lhs) == mirrored)
    }

    @Test func compareTreatsExplicitZeroAsAbsent() {
        #expect(VersionVector([a: 0]).compare(to: VersionVector()) == .equal)
        #expect(VersionVector([a: 0, b: 1]).compare(to: VersionVector([b: 1, c: 0])) == .equal)
    }

    @Test func mergedIsPointwiseMaximum() {
        let left = VersionVector([a: 3, b: 1])
        let right = VersionVector([b: 4, c: 2])
        let merged = left.merged(with: right)
        #expect(merged == VersionVector([a: 3, b: 4, c: 2]))
        #expect(merged == right.merged(with: left))
        #expect(merged.includes(left) && merged.includes(right))
        #expect(left.merged(with: left) == left)
        #expect(left.merged(with: VersionVector()) == left)
    }

    @Test func mergeLawsHoldOnRandomVectors() {
        var rng = SplitMix64(seed: 7)
        let replicas = [a, b, c]
        func randomVector() -> VersionVector {
            var counters: [ReplicaID: UInt64] = [:]
            for replica in replicas { counters[replica] = UInt64(rng.int(0...3)) }
            return VersionVector(counters)
        }
        for _ in 0..<500 {
            let x = randomVector(), y = randomVector(), z = randomVector()
            #expect(x.merged(with: y) == y.merged(with: x))
            #expect(x.merged(with: y).merged(with: z) == x.merged(with: y.merged(with: z)))
            #expect(x.merged(with: y).includes(x))
            // includes agrees with compare.
            let order = x.compare(to: y)
            #expect(x.includes(y) == (order == .equal || order == .after))
            #expect(y.includes(x) == (order == .equal || order == .before))
            #expect((order == .equal) == (x == y))
            // x includes y exactly when merging y changes nothing.
            #expect(x.includes(y) == (x.merged(with: y) == x))
        }
    }

    @Test func recordRaisesButNeverLowers() {
        var vector = VersionVector()
        vector.record(Fixture.dot(a, 2))
        #expect(vector == VersionVector([a: 2]))
        #expect(vector.covers(Fixture.dot(a, 1)))
        vector.record(Fixture.dot(a, 1))
        #expect(vector[a] == 2)
        vector.record(Fixture.dot(b, 1))
        #expect(vector == VersionVector([a: 2, b: 1]))
    }

    @Test func sortedEntriesAndDescriptionAreInReplicaOrder() {
        let vector = VersionVector([c: 1, a: 2, b: 3])
        #expect(vector.sortedEntries.map(\.replica) == [a, b, c])
        #expect(vector.sortedEntries.map(\.counter) == [2, 3, 1])
        #expect(vector.description == "{\(a):2, \(b):3, \(c):1}")
    }

    @Test func codableRoundTripsAsSortedObject() throws {
        let vector = VersionVector([c: 1, a: 2])
        let json = try CanonicalJSON.string(vector)
        #expect(json == "{\"\(a)\":2,\"\(c)\":1}")
        let decoded = try CanonicalJSON.decode(VersionVector.self, from: Data(json.utf8))
        #expect(decoded == vector)
        #expect(try CanonicalJSON.string(VersionVector()) == "{}")
    }

    @Test(arguments: [
        "{\"aaaaaaaaaaaaaaaa\":0}",        // counters start at 1
        "{\"aaaaaaaaaaaaaaaa\":-1}",       // not a UInt64
        "{\"aaaaaaaaaaaaaaaa\":\"1\"}",    // wrong type
        "{\"AAAAAAAAAAAAAAAA\":1}",        // not a replica id
        "{\"aaaa\":1}",                    // too short
        "[1]",
    ])
    func decodingRejectsMalformedVectors(json: String) {
        #expect(throws: DecodingError.self) {
            try CanonicalJSON.decode(VersionVector.self, from: Data(json.utf8))
        }
    }

    private func vector(_ entries: [String: UInt64]) -> VersionVector {
        var counters: [ReplicaID: UInt64] = [:]
        for (letter, counter) in entries { counters[Fixture.replica(Character(letter))] = counter }
        return VersionVector(counters)
    }
}
