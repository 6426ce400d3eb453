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
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        text._withNFCCodeUnits { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` is already in NFC, compared scalar by scalar.
    public static func isNFC(_ text: String) -> Bool {
        nfc(text).utf8.elementsEqual(text.utf8)
    }
}
