import MarginaliaCore
import MarginaliaCoreTestSupport

/// Random text mixing the scripts where normalization and grapheme breaking are subtle.
enum RandomText {
    static let ascii = Array("abcdefxyz ABC 0123 .,;!?-/\n")
    static let vietnamese = Array("ăâđêôơưệếềểễẹặẫậờởỡợừửữựỳỷỹỵĐƠƯ").map(String.init)
    static let combiningMarks: [Unicode.Scalar] = (0x0300...0x0323).compactMap(Unicode.Scalar.init)
        + [0x0327, 0x0328, 0x0331, 0x0345, 0x031B, 0x0306].compactMap(Unicode.Scalar.init)
    static let leadingJamo: [Unicode.Scalar] = (0x1100...0x1112).compactMap(Unicode.Scalar.init)
    static let vowelJamo: [Unicode.Scalar] = (0x1161...0x1175).compactMap(Unicode.Scalar.init)
    static let trailingJamo: [Unicode.Scalar] = (0x11A8...0x11C2).compactMap(Unicode.Scalar.init)
    static let emoji = [
        "👩‍👩‍👧", "👩🏽‍💻", "👍🏿", "🧑🏻‍🤝‍🧑🏾", "🇫🇷", "🇻🇳", "🇰🇷", "❤️", "🏳️‍🌈", "😀", "1️⃣",
    ]
    static let emojiParts: [Unicode.Scalar] = [0x200D, 0xFE0F, 0x1F3FB, 0x1F3FF, 0x1F1EB, 0x1F1F7, 0x1F469]
        .compactMap(Unicode.Scalar.init)
    static let other = ["日本", "Ω", "Å", "ﬁ", "\u{212B}", "\u{2126}", "ά", "ᾷ", "\r\n", "\u{0958}"]

    static func string(using rng: inout SplitMix64, length: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            switch rng.int(0...9) {
            case 0, 1: scalars.append(rng.pick(ascii).unicodeScalars.first!)
            case 2, 3: scalars.append(contentsOf: rng.pick(vietnamese).unicodeScalars)
            case 4: scalars.append(rng.pick(combiningMarks))
            case 5:
                scalars.append(rng.pick(leadingJamo))
                scalars.append(rng.pick(vowelJamo))
                if rng.chance(0.5) { scalars.append(rng.pick(trailingJamo)) }
            case 6:
                // A stray jamo, or a precomposed syllable possibly followed by a trailing jamo.
                if rng.chance(0.5) {
                    scalars.append(rng.pick(leadingJamo + vowelJamo + trailingJamo))
                } else {
                    scalars.append(Unicode.Scalar(UInt32(0xAC00 + rng.int(0...11_171)))!)
                }
            case 7: scalars.append(contentsOf: rng.pick(emoji).unicodeScalars)
            case 8: scalars.append(rng.pick(emojiParts))
            default: scalars.append(contentsOf: rng.pick(other).unicodeScalars)
            }
        }
        return String(scalars)
    }
}
