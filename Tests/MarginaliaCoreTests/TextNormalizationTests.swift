import Foundation
import MarginaliaCore
import Testing

@Suite("TextNormalization")
struct TextNormalizationTests {
    /// Scalar-by-scalar equality (`String ==` compares canonical equivalence, which would hide differences).
    private func sameScalars(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars)
    }

    private func scalarDump(_ text: String) -> String {
        text.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
    }

    @Test(arguments: [
        ("e\u{0323}\u{0302}", "\u{1EC7}"),            // ệ from NFD
        ("e\u{0302}\u{0323}", "\u{1EC7}"),            // marks in non-canonical order
        ("\u{00EA}\u{0323}", "\u{1EC7}"),             // partially composed
        ("\u{1112}\u{1161}\u{11AB}", "\u{D55C}"),     // 한 from jamo
        ("\u{D558}\u{11AB}", "\u{D55C}"),             // LV syllable + T jamo
        ("A\u{030A}", "\u{00C5}"),
        ("\u{212B}", "\u{00C5}"),                     // Angstrom sign is a singleton decomposition
        ("x\u{0301}", "x\u{0301}"),                   // nothing to compose with
        ("\u{0301}", "\u{0301}"),
        ("", ""),
    ])
    func knownCompositions(input: String, expected: String) {
        let result = TextNormalization.nfc(input)
        #expect(sameScalars(result, expected), "nfc(\(scalarDump(input))) = \(scalarDump(result))")
        #expect(TextNormalization.isNFC(expected))
    }

    @Test func asciiIsReturnedUnchanged() {
        let text = "Plain ASCII, with punctuation: !@#$%^&*()\n\t"
        #expect(sameScalars(TextNormalization.nfc(text), text))
        #expect(TextNormalization.isNFC(text))
    }

    @Test func isNFCDetectsDecomposedText() {
        #expect(!TextNormalization.isNFC("e\u{0323}\u{0302}"))
        #expect(TextNormalization.isNFC("\u{1EC7}"))
        #expect(!TextNormalization.isNFC("\u{1112}\u{1161}"))
        #expect(TextNormalization.isNFC("\u{D558}"))
    }

    @Test func agreesWithFoundationOnRandomText() {
        let count = max(3_000, propertySeedCount(default: 300) * 10)
        var rng = SplitMix64(seed: 0x5EED_0F_7E47)
        var failures: [String] = []
        for index in 0..<count {
            let generated = RandomText.string(using: &rng, length: rng.int(0...24))
            let decomposed = generated.decomposedStringWithCanonicalMapping
            for input in [generated, decomposed, generated.precomposedStringWithCanonicalMapping] {
                let expected = Self.foundationNFC(input)
                let actual = TextNormalization.nfc(input)
                if !sameScalars(actual, expected) {
                    failures.append("#\(index) input [\(scalarDump(input))] → core [\(scalarDump(actual))], Foundation [\(scalarDump(expected))]")
                }
                if TextNormalization.isNFC(input) != sameScalars(input, expected) {
                    failures.append("#\(index) isNFC wrong for [\(scalarDump(input))]")
                }
            }
            if failures.count >= 10 { break }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements:\n\(failures.joined(separator: "\n"))")
    }

    /// Foundation's NFC, with one correction: swift-foundation on Linux (seen with Swift 6.3.1) leaves a
    /// precomposed LV syllable followed by a trailing jamo uncomposed (`AC00 11A8` stays, where Unicode's
    /// composition algorithm, ch. 3.12, gives `AC01`); the core gets this right (see `knownCompositions`).
    /// Trailing jamo are starters, so composing each remaining adjacent LV + T pair is exactly the missing step.
    static func foundationNFC(_ text: String) -> String {
        var scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        var index = 0
        while index + 1 < scalars.count {
            let syllable = scalars[index].value, trailing = scalars[index + 1].value
            if (0xAC00...0xD7A3).contains(syllable), (syllable - 0xAC00) % 28 == 0, (0x11A8...0x11C2).contains(trailing) {
                scalars[index] = Unicode.Scalar(syllable + trailing - 0x11A7)!
                scalars.remove(at: index + 1)
            }
            index += 1
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    @Test func precomposedSyllableAbsorbsTrailingJamo() {
        // Every LV syllable + every T jamo composes to the LVT syllable (the case Foundation on Linux misses).
        for lv in stride(from: 0xAC00, through: 0xD7A3, by: 28) {
            for t in 0x11A8...0x11C2 {
                let input = String(String.UnicodeScalarView([Unicode.Scalar(UInt32(lv))!, Unicode.Scalar(UInt32(t))!]))
                let result = TextNormalization.nfc(input).unicodeScalars.map(\.value)
                if result != [UInt32(lv + t - 0x11A7)] {
                    Issue.record("nfc(\(scalarDump(input))) = \(scalarDump(TextNormalization.nfc(input)))")
                    return
                }
            }
        }
        #expect(TextNormalization.nfc("\u{AC00}\u{11A7}").unicodeScalars.count == 2)  // 11A7 is not a trailing jamo
        #expect(!TextNormalization.isNFC("\u{AC00}\u{11A8}"))
    }

    @Test func normalizationIsIdempotentAndPreservesEquivalence() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<1_000 {
            let text = RandomText.string(using: &rng, length: rng.int(1...16))
            let once = TextNormalization.nfc(text)
            #expect(sameScalars(TextNormalization.nfc(once), once))
            #expect(once == text)  // canonically equivalent
            #expect(TextNormalization.isNFC(once))
        }
    }
}
