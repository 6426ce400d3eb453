import Foundation

/// The letters search must fold to ASCII, from Unicode's own data rather than a list
/// typed by hand: every letter of the Latin blocks (U+0000–U+024F, U+1E00–U+1EFF)
/// whose canonical decomposition begins with an ASCII letter, with what a person types
/// for it (the decomposition without its marks, lowercase). Plus the letters that do
/// not decompose yet stand for "d" in Vietnamese text: "đ", and its look-alikes "Ð"
/// (U+00D0, the eth, which Vietnamese sites use for "Đ") and "Ɖ".
public enum LatinLetters {
    public struct Letter: Sendable, CustomStringConvertible {
        public var letter: Character
        public var typed: String
        public var description: String {
            "\(letter) (U+\(String(letter.unicodeScalars.first!.value, radix: 16, uppercase: true))) as \(typed)"
        }
    }

    public static let foldedToASCII: [Letter] = {
        let blocks = Array(0x0000...0x024F) + Array(0x1E00...0x1EFF)
        let decomposing = blocks.compactMap(Unicode.Scalar.init).compactMap { scalar -> Letter? in
            guard scalar.properties.isAlphabetic, !scalar.isASCII else { return nil }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let first = decomposed.first, first.isASCII, first.properties.isAlphabetic else { return nil }
            let typed = decomposed.filter { $0.properties.generalCategory != .nonspacingMark }
            return Letter(letter: Character(scalar), typed: String(String.UnicodeScalarView(typed)).lowercased())
        }
        let dLookAlikes = ["Đ", "đ", "Ð", "ð", "Ɖ", "ɖ"].map { Letter(letter: Character($0), typed: "d") }
        return decomposing + dLookAlikes
    }()
}
