import Foundation
import MarginaliaCore
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
