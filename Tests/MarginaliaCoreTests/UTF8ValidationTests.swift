import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("UTF8Validation")
struct UTF8ValidationTests {
    @Test(arguments: ["", "ascii", "Tiếng Việt", "日本語", "🇫🇷👩‍👩‍👧", "\u{10FFFF}\u{0}"])
    func validTextHasNoInvalidOffset(text: String) {
        let bytes = Array(text.utf8)
        #expect(UTF8Validation.firstInvalidOffset(in: bytes) == nil)
        #expect(UTF8Validation.decode(bytes) == text)
    }

    @Test(arguments: [
        ([0xFF], 0),
        ([0x61, 0x62, 0xC3], 2),                   // truncated two-byte sequence at the end
        ([0xC3, 0x61], 0),                         // truncated sequence followed by ASCII
        ([0x61, 0x80], 1),                         // lone continuation byte
        ([0xC0, 0x80], 0),                         // overlong encoding of U+0000
        ([0xE0, 0x80, 0xAF], 0),                   // overlong three-byte sequence
        ([0xED, 0xA0, 0x80], 0),                   // UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),             // beyond U+10FFFF
        ([0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFE], 5), // "é€" then an invalid byte
    ] as [([UInt8], Int)])
    func invalidBytesAreLocated(bytes: [UInt8], offset: Int) {
        #expect(UTF8Validation.firstInvalidOffset(in: bytes) == offset)
        #expect(UTF8Validation.decode(bytes) == nil)
    }

    @Test func offsetIsTheLengthOfTheLongestValidPrefixOnRandomBytes() {
        var rng = SplitMix64(seed: 0x07F8)
        func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
            Array(String(decoding: bytes, as: UTF8.self).utf8) == Array(bytes)
        }
        for sample in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.int(0...8) {
                if rng.chance(0.8) {
                    let text = RandomText.string(using: &rng, length: 1)
                    bytes += Array(text.utf8)
                    // Sometimes cut a multi-byte sequence short.
                    if text.utf8.count > 1, rng.chance(0.2) { bytes.removeLast() }
                } else {
                    bytes.append(UInt8(truncatingIfNeeded: rng.next()))
                }
            }
            let longestValidPrefix = (0...bytes.count).last { isValid(bytes[..<$0]) }!
            let expected: Int? = longestValidPrefix == bytes.count ? nil : longestValidPrefix
            #expect(UTF8Validation.firstInvalidOffset(in: bytes) == expected, "sample \(sample): \(bytes)")
            #expect((UTF8Validation.decode(bytes) != nil) == (expected == nil), "sample \(sample): \(bytes)")
        }
    }
}
