/// Unicode normalization of everything stored: all text fields are kept in NFC.
///
/// Why not Foundation's `precomposedStringWithCanonicalMapping`: measured here it is
/// five times slower than the standard library's own normalizer on ordinary
/// articles and quadratic on large decomposed input (72 s for 7.8 MB of NFD
/// Vietnamese). The standard library's normalizer, the one `String` comparison uses,
/// is linear; it is exposed as `_withNFCCodeUnits`. Tests check it against
/// Foundation's on random decomposed text.
public enum TextNormalization {
    /// `text` in Normalization Form C.
    public static func nfc(_ text: String) -> String {
        if isStable(text) { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        text._withNFCCodeUnits { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` is already in NFC, compared scalar by scalar.
    public static func isNFC(_ text: String) -> Bool {
        isStable(text) || nfc(text).utf8.elementsEqual(text.utf8)
    }

    /// Whether every scalar of `text` is one that normalization leaves alone wherever
    /// it stands: a starter that NFC keeps as it is and that never composes with the
    /// scalar before it. So are everything below U+0300 (ASCII up to the spacing
    /// modifier letters), the precomposed Latin letters of U+1E00...U+1EFF that
    /// Vietnamese is written with, the spaces, joiners, dashes, quotes and ellipsis of
    /// U+2002...U+2027, the symbols and dingbats of U+2600...U+27BF, the variation
    /// selectors, and the emoji blocks. Such text is NFC without normalizing it: most
    /// articles, at the cost of one byte scan. (A test checks the set against the
    /// normalizer.)
    static func isStable(_ text: some StringProtocol) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(isStable(utf8:))
            ?? text.unicodeScalars.allSatisfy { isStable($0.value) }
    }

    /// `isStable` on valid UTF-8, by lead and continuation bytes: every article passes
    /// here twice (normalized on the way in, checked by `ChangeValidator`), and this
    /// is a quarter of the cost of decoding each scalar. A test holds it to the scalar
    /// form below for every scalar.
    static func isStable(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            if lead < 0xCC {  // C2...CB: U+0080...U+02FF
                index += 2
                continue
            }
            guard index + 2 < count else { return false }
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            switch lead {
            case 0xE1 where (0xB8...0xBB).contains(second): index += 3  // U+1E00...U+1EFF
            case 0xE2 where second == 0x80 && (0x82...0xA7).contains(third): index += 3  // U+2002...U+2027
            case 0xE2 where (0x98...0x9E).contains(second): index += 3  // U+2600...U+27BF
            case 0xEF where second == 0xB8 && third <= 0x8F: index += 3  // U+FE00...U+FE0F
            case 0xF0 where second == 0x9F && third <= 0xAB: index += 4  // U+1F000...U+1FAFF
            default: return false
            }
        }
        return true
    }

    static func isStable(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0..<0x300, 0x1E00..<0x1F00, 0x2002..<0x2028, 0x2600..<0x27C0, 0xFE00..<0xFE10, 0x1F000..<0x1FB00: true
        default: false
        }
    }
}
