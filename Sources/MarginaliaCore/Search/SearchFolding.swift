import Foundation

/// How search compares words, for what is matched outside the full-text index (tags):
/// case, diacritics (every Vietnamese tone and vowel mark) and the letters that stand
/// for "d" (`đ`, and `Ð` and `Ɖ`, which look like `Đ`) do not matter, so `doi-ngoai`
/// finds `Đối-ngoại`. The index's tokenizer folds the same way (`marginalia_search.h`);
/// tests check both against the decomposition of every Latin letter.
public enum SearchFolding {
    /// `text` lowercase, without marks, and with the look-alikes of `d` as `d`.
    public static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                folded.append(dLookAlikes.contains(lower) ? "d" : lower)
            }
        }
        return String(folded)
    }

    /// Lowercase letters that do not decompose, yet are typed as "d": `đ`, the eth `ð`
    /// (Vietnamese sites write `Ð` for `Đ`) and the African `ɖ`.
    private static let dLookAlikes: Set<Unicode.Scalar> = ["\u{0111}", "\u{00F0}", "\u{0256}"]
}
