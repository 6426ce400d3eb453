import Foundation
import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0),
        ("abc", 3),
        ("\u{1EC7}", 1),                      // ệ, NFC
        ("e\u{0323}\u{0302}", 1),             // ệ, NFD: one column, not three
        ("\u{1EDF}", 1),                      // ở
        ("o\u{031B}\u{0309}", 1),             // ở, NFD
        ("Đ", 1),
        ("Đường phố", 9),
        ("Nguye\u{0302}\u{0303}n", 6),        // Nguyễn with the marks decomposed
        ("日本語", 6),
        ("한국", 4),
        ("\u{1100}\u{1161}\u{11A8}", 2),      // 각 as three jamo: one wide syllable
        ("ｶﾞ", 2),                             // halfwidth katakana stay narrow
        ("ＡＢ", 4),                           // fullwidth Latin
        ("😀", 2),
        ("👩‍👩‍👧", 2),                          // a family joined by ZWJ: one picture
        ("👩🏽‍💻", 2),
        ("🇻🇳", 2),                            // a flag: two regional indicators
        ("❤️", 2),                             // a text symbol made a picture by U+FE0F
        ("1️⃣", 2),                             // a keycap
        ("☺", 1),                              // text presentation by default
        ("a\u{200B}b", 2),                    // zero width space
        ("\u{0007}x\u{001B}", 1),             // controls take nothing
        ("\u{00AD}", 0),                      // soft hyphen
    ])
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func nfcAndNfdAreEquallyWide() {
        let nfc = "Hà Nội: mưa lớn, nước ở đường Đê La Thành"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
        #expect(DisplayWidth.of(nfd) == DisplayWidth.of(nfc))
        #expect(DisplayWidth.of(nfc) == nfc.count)
    }

    @Test func tabsAdvanceToTheNextStop() {
        #expect(DisplayWidth.of("\t") == 8)
        #expect(DisplayWidth.of("ab\t") == 8)
        #expect(DisplayWidth.of("abcdefgh\tx") == 17)
        #expect(DisplayWidth.advance(3, over: "\t") == 8)
        #expect(DisplayWidth.advance(3, over: "日") == 5)
    }
}

/// The scalar shortcut must agree with counting clusters whenever it answers.
@Suite struct PlainTextWidthTests {
    @Test func agreesWithClusterCountingWheneverItAnswers() {
        let plain = "Hà Nội ngập sâu – “mưa lớn”… Đ ệ ở"
        #expect(DisplayWidth.ofPlainText(plain) == DisplayWidth.of(plain))
        #expect(DisplayWidth.ofPlainText("e\u{0302}\u{0323}") == nil, "NFD needs clusters")
        #expect(DisplayWidth.ofPlainText("日本") == nil)
        #expect(DisplayWidth.ofPlainText("a\u{200D}b") == nil)
        var answered = 0
        let first = propertyFirstSeed()
        for seed in first..<first + UInt64(propertySeedCount(default: 300)) {
            var rng = SplitMix64(seed: seed)
            var text = RandomText.string(using: &rng, length: rng.int(0...20))
            if rng.chance(0.5) { text = String(text.unicodeScalars.filter { $0.value < 0x300 || (0x1E00..<0x1F00).contains($0.value) }) }
            if let columns = DisplayWidth.ofPlainText(text) {
                answered += 1
                #expect(columns == DisplayWidth.of(text), "seed \(seed): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(answered > 0)
    }

    /// The UTF-8 fast path decodes every scalar as the scalar view would: the plain ones
    /// are exactly printable ASCII, U+00AE to U+02FF, U+1E00 to U+1EFF and U+2010 to
    /// U+2027, alone or inside a `Substring`.
    @Test func decodesEveryScalarLikeTheScalarView() {
        let plainRanges: [Range<UInt32>] = [0x20..<0x7F, 0xAE..<0x300, 0x1E00..<0x1F00, 0x2010..<0x2028]
        let samples = Array(0..<0x3000) + [0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF]
        for value in samples {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let expected = plainRanges.contains { $0.contains(scalar.value) } ? 1 : nil
            // Cut at scalars, not characters: a combining mark joins the "a" before it.
            let text = "a" + String(scalar) + "b"
            let scalars = text.unicodeScalars
            let inside = text[scalars.index(after: scalars.startIndex)..<scalars.index(before: scalars.endIndex)]
            #expect(DisplayWidth.ofPlainText(String(scalar)) == expected, "U+\(String(value, radix: 16))")
            #expect(DisplayWidth.ofPlainText(inside) == expected, "U+\(String(value, radix: 16))")
        }
    }
}
