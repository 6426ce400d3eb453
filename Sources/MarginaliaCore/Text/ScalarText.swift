/// A text viewed as Unicode scalars, the unit of annotation offsets, with its
/// grapheme-cluster boundaries so no offset can split a character a reader sees.
///
/// Offsets count scalars of NFC text, as the W3C TextPositionSelector does: "ệ" is
/// one scalar, a flag emoji two, a family emoji with joiners several, and an offset
/// may only fall between grapheme clusters.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// `isBoundary[i]` says whether offset `i` (0...count) is a grapheme boundary.
    private let isBoundary: [Bool]

    public init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        var isBoundary: [Bool] = []
        scalars.reserveCapacity(text.utf8.count)
        isBoundary.reserveCapacity(text.utf8.count + 1)
        for character in text {
            isBoundary.append(true)
            for (position, scalar) in character.unicodeScalars.enumerated() {
                if position > 0 { isBoundary.append(false) }
                scalars.append(scalar)
            }
        }
        isBoundary.append(true)
        self.scalars = scalars
        self.isBoundary = isBoundary
    }

    public var count: Int { scalars.count }

    /// Whether `offset` lies between two grapheme clusters (or at either end).
    public func isGraphemeBoundary(_ offset: Int) -> Bool {
        offset >= 0 && offset <= count && isBoundary[offset]
    }

    /// Whether `range` lies inside the text and holds exactly the scalars `expected`.
    public func holds(_ expected: [Unicode.Scalar], at range: Range<Int>) -> Bool {
        range.lowerBound >= 0 && range.upperBound <= count && scalars[range].elementsEqual(expected)
    }

    /// The text of `range` (scalar offsets).
    public func text(_ range: Range<Int>) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[range])
        return String(result)
    }

    /// The nearest grapheme boundary at or before `offset` (clamped to the text).
    public func boundary(atOrBefore offset: Int) -> Int {
        var offset = min(max(offset, 0), count)
        while !isBoundary[offset] { offset -= 1 }
        return offset
    }

    /// The nearest grapheme boundary at or after `offset` (clamped to the text).
    public func boundary(atOrAfter offset: Int) -> Int {
        var offset = min(max(offset, 0), count)
        while !isBoundary[offset] { offset += 1 }
        return offset
    }

    /// Every place `needle` occurs inside `range` (the whole text by default) with both
    /// ends on grapheme boundaries, in order. Overlapping occurrences are all reported.
    public func occurrences(of needle: [Unicode.Scalar], in range: Range<Int>? = nil) -> [Range<Int>] {
        let range = (range ?? 0..<count).clamped(to: 0..<count)
        guard !needle.isEmpty, needle.count <= range.count else { return [] }
        var found: [Range<Int>] = []
        let first = needle[0]
        var start = range.lowerBound
        while start + needle.count <= range.upperBound {
            if scalars[start] == first, isBoundary[start], isBoundary[start + needle.count],
               scalars[start..<(start + needle.count)].elementsEqual(needle) {
                found.append(start..<(start + needle.count))
            }
            start += 1
        }
        return found
    }
}
