import Foundation
@testable import MarginaliaCore
import MarginaliaCoreTestSupport
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

/// The scalars `TextNormalization` treats as NFC without normalizing must be exactly
/// that: starters NFC keeps as they are and that never compose with what precedes
/// them. Checked against the standard library's normalizer.
@Suite struct StableScalarTests {
    static let stable = (Array(0..<0x3000) + Array(0xFE00..<0xFE10) + Array(0x1F000..<0x1FB00) + [0x10FFFF])
        .filter(TextNormalization.isStable).compactMap(Unicode.Scalar.init)
    /// Scalars that begin compositions: Latin letters, a Latin letter with a diacritic,
    /// Greek, Cyrillic, a Hangul leading consonant and a Hangul syllable.
    static let before: [Unicode.Scalar] = ["a", "e", "o", "u", "A", "ê", "ơ", "ư", "α", "и", "\u{1100}", "\u{AC00}", "\u{1EC7}"]

    @Test func everyStableScalarIsAStarterThatNormalizationKeeps() {
        #expect(Self.stable.count > 4_000)
        for scalar in Self.stable {
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(scalar.value, radix: 16))")
            for first in Self.before {
                let text = String(String.UnicodeScalarView([first, scalar]))
                var normalized: [UInt8] = []
                text._withNFCCodeUnits { normalized.append($0) }
                #expect(normalized == Array(text.utf8), "U+\(String(first.value, radix: 16)) U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func textOfStableScalarsIsNFCAndOtherTextIsChecked() {
        #expect(TextNormalization.isStable("Mực nước sông Hồng – “lên nhanh”…"))
        #expect(!TextNormalization.isStable("e\u{0302}\u{0323}"))
        #expect(!TextNormalization.isStable("\u{2000}"), "U+2000 decomposes to U+2002")
        #expect(TextNormalization.isStable("👍🏽 ❤\u{FE0F} 👨\u{200D}👩"))
        #expect(!TextNormalization.isStable("日本"))
        #expect(TextNormalization.isNFC("Đ ệ ở 😀 日本"))
        #expect(!TextNormalization.isNFC("e\u{0302}\u{0323}"))
        #expect(TextNormalization.nfc("Vie\u{0323}\u{0302}t") == "Việt")
    }

    /// The byte-level check agrees with the scalar one on every scalar, alone and
    /// between others.
    @Test func theUTF8CheckAgreesWithTheScalarCheckOnEveryScalar() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = TextNormalization.isStable(value)
            #expect(TextNormalization.isStable(String(scalar)) == expected, "U+\(String(value, radix: 16))")
            if value % 97 == 0 {
                #expect(TextNormalization.isStable("ệ" + String(scalar) + "a") == expected, "U+\(String(value, radix: 16))")
            }
        }
    }

    /// Runs of ASCII: whatever their length, what follows them is still read.
    @Test func whatFollowsARunOfASCIIIsStillRead() {
        for length in 0..<20 {
            let run = String(repeating: "a", count: length)
            #expect(TextNormalization.isStable(run + "ệ" + run), "\(length)")
            #expect(!TextNormalization.isStable(run + "e\u{0302}"), "\(length)")
            #expect(!TextNormalization.isStable(run + "\u{0302}" + run), "\(length)")
            #expect(!TextNormalization.isNFC(run + "e\u{0302}"), "\(length)")
        }
    }
}
