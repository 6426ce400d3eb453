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
        UTF8Scalars.countIfAll(text, acceptsASCII: true, isStable) != nil
    }

    static func isStable(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0..<0x300, 0x1E00..<0x1F00, 0x2002..<0x2028, 0x2600..<0x27C0, 0xFE00..<0xFE10, 0x1F000..<0x1FB00: true
        default: false
        }
    }
}
