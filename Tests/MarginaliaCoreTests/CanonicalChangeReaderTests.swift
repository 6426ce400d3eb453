import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

/// The canonical reader is a shortcut in front of `JSONDecoder`: whatever it accepts,
/// `JSONDecoder` must accept too and decode to the same change, or a replica could
/// take a change its peers would refuse or read differently.
@Suite struct CanonicalChangeReaderTests {
    private func read(_ bytes: [UInt8]) -> Change? {
        bytes.withUnsafeBufferPointer { CanonicalChangeReader.change($0) }
    }

    private func decode(_ bytes: [UInt8]) -> Change? {
        try? CanonicalJSON.decode(Change.self, from: Data(bytes))
    }

    @Test func readsRandomChangesInCanonicalForm() {
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 500)) {
            var rng = SplitMix64(seed: seed)
            let change = CanonicalChangeWriterTests.randomChange(using: &rng)
            let json = CanonicalChangeWriter.json(change)
            #expect(read(Array(json.utf8)) == change, "seed \(seed): \(json)")
            #expect(CanonicalChangeReader.change(json) == change, "seed \(seed)")
        }
    }

    /// Random edits of canonical changes: deleted, inserted, replaced and swapped bytes,
    /// drawn from the bytes JSON gives meaning to. The reader must accept some (edited
    /// digits, letters inside strings) and refuse many, and never accept one that
    /// `JSONDecoder` refuses or reads differently.
    @Test func acceptsOnlyWhatJSONDecoderReadsTheSame() {
        let alphabet = Array(#"{}[]:,"\/-+.0123456789eEtrufalsn ubfx"#.utf8) + [0x01, 0x1F, 0x7F] + Array("ệ".utf8)
        var accepted = 0, refused = 0
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 500)) {
            var rng = SplitMix64(seed: seed)
            let canonical = Array(CanonicalChangeWriter.json(CanonicalChangeWriterTests.randomChange(using: &rng)).utf8)
            for _ in 0..<20 {
                var bytes = canonical
                for _ in 0..<rng.int(1...3) {
                    let position = rng.int(0...bytes.count - 1)
                    switch rng.int(0...3) {
                    case 0: bytes.remove(at: position)
                    case 1: bytes.insert(rng.pick(alphabet), at: position)
                    case 2: bytes[position] = rng.pick(alphabet)
                    default: if position + 1 < bytes.count { bytes.swapAt(position, position + 1) }
                    }
                }
                // Lines are checked for UTF-8 before any decoding.
                guard UTF8Validation.firstInvalidOffset(in: bytes) == nil else { continue }
                guard let change = read(bytes) else {
                    refused += 1
                    continue
                }
                accepted += 1
                #expect(decode(bytes) == change, "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
        #expect(accepted > 100 && refused > 1_000, "accepted \(accepted), refused \(refused)")
    }

    /// Valid JSON in another form is left to `JSONDecoder`, which reads it.
    @Test(arguments: [
        #"{ "context":{},"counter":1,"entity":"0000000000000art","fields":{},"kind":"article","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":5}"#,
        #"{"counter":1,"context":{},"entity":"0000000000000art","fields":{},"kind":"article","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":5}"#,
        #"{"context":{},"counter":1,"entity":"0000000000000art","fields":{"title":"a\/b"},"kind":"article","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":5}"#,
        #"{"context":{},"counter":1,"entity":"0000000000000art","fields":{"title":"\u0041"},"kind":"article","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":5}"#,
        #"{"context":{},"counter":1,"entity":"0000000000000art","fields":{"title":"\u001F"},"kind":"article","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":5}"#,
        #"{"context":{},"counter":1,"entity":"0000000000000art","fields":{},"kind":"article","lamport":1e0,"replica":"aaaaaaaaaaaaaaaa","time":5}"#,
        #"{"context":{"bbbbbbbbbbbbbbbb":2,"aaaaaaaaaaaaaaaa":1},"counter":1,"entity":"0000000000000art","fields":{},"kind":"article","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":5}"#,
        #"{"context":{},"counter":1,"entity":"0000000000000art","fields":{},"kind":"article","lamport":1,"replica":"aaaaaaaaaaaaaaaa","time":-0}"#,
    ])
    func leavesOtherFormsToJSONDecoder(json: String) {
        #expect(read(Array(json.utf8)) == nil)
        #expect(decode(Array(json.utf8)) != nil)
    }

    @Test func readsTheExtremesOfEachNumber() {
        let change = Change(
            dot: Dot(replica: ReplicaID("aaaaaaaaaaaaaaaa")!, counter: .max), lamport: .max, time: .min,
            entity: EntityID("0000000000000art")!, kind: .article, fields: [:], context: VersionVector())
        let json = CanonicalChangeWriter.json(change)
        #expect(read(Array(json.utf8)) == change)
        let overflowing = json.replacingOccurrences(of: "\(UInt64.max)", with: "18446744073709551616")
        #expect(read(Array(overflowing.utf8)) == nil)
        #expect(decode(Array(overflowing.utf8)) == nil)
    }
}
