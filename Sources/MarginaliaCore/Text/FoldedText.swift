import Foundation

/// A text folded the way people type what they read, so a quote typed without its
/// diacritics, in the wrong case, with a straight quote for a curly one or a hyphen for
/// a dash still finds the words: the comparison `annotate --quote` falls back on when
/// the quote does not occur as typed.
///
/// Folding lowercases; drops every combining mark after decomposing (all Vietnamese
/// tone and vowel marks: "Hiệp" → "hiep", "ƯỚ" → "uo"); turns `đ`, `Đ` and `Ð` (U+00D0,
/// which Vietnamese sites use for `Đ`; lowercased `ð`) and `Ɖ`/`ɖ` (the same glyph as
/// `Đ`) into `d`, since they have no decomposition, as the search index does; makes every dash (`-`, U+2010...U+2015, U+2212) a hyphen and every
/// quotation mark (`"`, `'`, U+2018...U+201F) a straight double quote; spells an
/// ellipsis (`…`, and the two-dot leader `‥`) with periods; and makes each run of white
/// space one space.
///
/// Each folded scalar remembers the scalars of the original it came from (with the
/// marks dropped after it, or the whole run of white space), so a match in the folded
/// text is a span of the original: an anchor is made from the article's own text,
/// never from what was typed.
public struct FoldedText: Sendable {
    public private(set) var scalars: [Unicode.Scalar] = []
    /// `origins[i]`: the scalar offsets of the original text folded into `scalars[i]`.
    private var origins: [Range<Int>] = []

    public init(_ original: some Sequence<Unicode.Scalar>) {
        var folds: [Unicode.Scalar: Unicode.Scalar?] = [:]
        for (offset, scalar) in original.enumerated() {
            if let expansion = Self.expansions[scalar] {
                scalars.append(contentsOf: expansion)
                origins.append(contentsOf: repeatElement(offset..<(offset + 1), count: expansion.count))
                continue
            }
            let folded: Unicode.Scalar?
            if scalar.isASCII {
                folded = Self.fold(scalar)
            } else if let known = folds[scalar] {
                folded = known
            } else {
                folded = Self.fold(scalar)
                folds[scalar] = .some(folded)
            }
            guard let folded else {
                // A dropped mark belongs to the letter before it.
                if !origins.isEmpty { origins[origins.count - 1] = origins[origins.count - 1].lowerBound..<(offset + 1) }
                continue
            }
            if folded == " ", scalars.last == " " {
                origins[origins.count - 1] = origins[origins.count - 1].lowerBound..<(offset + 1)
                continue
            }
            scalars.append(folded)
            origins.append(offset..<(offset + 1))
        }
    }

    /// The folded text as a string: what completion and id suggestions compare.
    public var text: String { String(String.UnicodeScalarView(scalars)) }

    /// The span of the original text folded into `range` of the folded scalars.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        origins[range.lowerBound].lowerBound..<origins[range.upperBound - 1].upperBound
    }

    /// Every place `needle` (folded) occurs in the folded text, as spans of the original
    /// text, in order; overlapping places are all reported.
    public func occurrences(of needle: [Unicode.Scalar]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
        return (0...(scalars.count - needle.count)).filter { start in
            scalars[start] == needle[0] && scalars[start..<(start + needle.count)].elementsEqual(needle)
        }.map { originalRange(of: $0..<($0 + needle.count)) }
    }

    /// The scalars typed as several: an ellipsis as the periods NFKC spells it with.
    /// Each of them maps back to the whole scalar, so a match is never half of one.
    static let expansions: [Unicode.Scalar: [Unicode.Scalar]] = [
        "\u{2025}": [".", "."],
        "\u{2026}": [".", ".", "."],
    ]

    /// What one scalar folds to, or nil for a mark that folding drops.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)
        case 0x22, 0x27, 0x2018...0x201F: return "\""
        case 0x2D, 0x2010...0x2015, 0x2212: return "-"
        case 0xD0, 0xF0, 0x110, 0x111, 0x189, 0x256: return "d"
        case 0..<0x80 where !scalar.properties.isWhitespace: return scalar
        default: break
        }
        if scalar.properties.isWhitespace { return " " }
        if isMark(scalar) { return nil }
        // A letter that decomposes into one base and marks is its base; others (a Hangul
        // syllable, which decomposes into several letters) stay whole.
        let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        let base = parts.dropFirst().allSatisfy(isMark) ? parts.first ?? scalar : scalar
        // Lowercasing may add a mark too ("İ" → "i" + U+0307).
        return base.properties.lowercaseMapping.unicodeScalars.first { !isMark($0) } ?? base
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .nonspacingMark
    }
}
