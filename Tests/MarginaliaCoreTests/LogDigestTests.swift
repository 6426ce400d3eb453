import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite struct LogDigestTests {
    private let a = LogDigest(hex: "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")!  // SHA-256("a")
    private let b = LogDigest(hex: "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d")!  // SHA-256("b")

    /// Computed apart: `(int(a) + int(b)) % 2**256` in Python; the sum overflows 2^256,
    /// and carries cross every limb.
    @Test func theSumIsModulo2To256() {
        #expect((a + b).description == "08bb6928ca5517152e4b8118ff058d82334469f89d507abd84f46634858a4958")
        let top = LogDigest(hex: String(repeating: "f", count: 64))!
        let one = LogDigest(hex: String(repeating: "0", count: 63) + "1")!
        #expect(top + one == .zero)
        #expect(LogDigest.zero - one == top)
    }

    @Test func subtractionUndoesAddition() {
        #expect(a + b - b == a)
        #expect(a - a == .zero)
        #expect(b - a + a == b)
    }

    @Test func hexAndBytesRoundTrip() {
        #expect(LogDigest(hex: a.description) == a)
        #expect(LogDigest(hash: a.bytes) == a)
        #expect(a.bytes.count == 32)
        #expect(LogDigest(hex: "CA978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb") == nil)
        #expect(LogDigest(hex: "ca97") == nil)
        #expect(LogDigest(hash: [UInt8](repeating: 1, count: 31)) == nil)
    }

    /// The order of appending never matters: any permutation of the same hashes sums alike.
    @Test func anyOrderGivesTheSameSum() {
        var random = SplitMix64(seed: 15)
        for _ in 0..<200 {
            let hashes = (0..<random.int(1...20)).map { _ in
                LogDigest(hash: (0..<32).map { _ in UInt8(random.int(0...255)) })!
            }
            var shuffled = hashes
            for index in shuffled.indices.reversed() { shuffled.swapAt(index, random.int(0...index)) }
            #expect(hashes.reduce(.zero, +) == shuffled.reduce(.zero, +))
        }
    }
}
