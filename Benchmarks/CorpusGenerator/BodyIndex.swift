/// A body seen as characters and as Unicode scalars, for picking quotes on grapheme
/// boundaries and counting their occurrences the way Marginalia does.
///
/// This is an independent implementation of the anchoring rules (scalar offsets of
/// the NFC body, matches counted only with both ends on grapheme boundaries,
/// overlapping matches all counted), so benchmarks do not take their expected
/// values from the code they measure.
struct BodyIndex {
    let characters: [Character]
    /// `scalarOffset[i]` is the scalar offset where character `i` starts; one extra entry for the end.
    let scalarOffset: [Int]
    let scalars: [Unicode.Scalar]
    /// `isBoundary[o]` says whether scalar offset `o` (0...scalars.count) is a grapheme boundary.
    let isBoundary: [Bool]
    /// Indexes of characters that start a word: not a separator, after one or at the start.
    let wordStarts: [Int]

    /// The generator separates words with spaces and lines with line feeds, nothing
    /// else, so these are the only separators looked for (much cheaper than
    /// `Character.isWhitespace`, a Unicode property lookup per character).
    static func isSeparator(_ character: Character) -> Bool {
        character == " " || character == "\n"
    }

    init(_ body: String) {
        var characters: [Character] = []
        var scalarOffset: [Int] = []
        var scalars: [Unicode.Scalar] = []
        var isBoundary: [Bool] = []
        var wordStarts: [Int] = []
        var afterSeparator = true
        for character in body {
            let isSeparator = Self.isSeparator(character)
            if !isSeparator && afterSeparator { wordStarts.append(characters.count) }
            afterSeparator = isSeparator
            characters.append(character)
            scalarOffset.append(scalars.count)
            for (position, scalar) in character.unicodeScalars.enumerated() {
                isBoundary.append(position == 0)
                scalars.append(scalar)
            }
        }
        scalarOffset.append(scalars.count)
        isBoundary.append(true)
        self.characters = characters
        self.scalarOffset = scalarOffset
        self.scalars = scalars
        self.isBoundary = isBoundary
        self.wordStarts = wordStarts
    }

    struct Span {
        var quote: String
        var occurrence: Int
        var start: Int
        var end: Int
    }

    /// A span of one to ten words starting at a random word, cut at the end of its
    /// paragraph (so it never holds a line break).
    func randomSpan(using random: inout SplitMix64) -> Span {
        let first = wordStarts[random.below(wordStarts.count)]
        let wanted = random.chance(0.15) ? 1 : random.int(in: 2...10)
        var end = first
        var words = 0
        while end < characters.count && characters[end] != "\n" {
            // Take one word, then stop or take the white space after it.
            while end < characters.count && !Self.isSeparator(characters[end]) { end += 1 }
            words += 1
            if words == wanted || end == characters.count || characters[end] == "\n" { break }
            var next = end
            while next < characters.count && characters[next] == " " { next += 1 }
            if next == characters.count || characters[next] == "\n" { break }
            end = next
        }
        let quote = String(characters[first..<end])
        let start = scalarOffset[first]
        return Span(quote: quote, occurrence: occurrence(of: quote, at: start), start: start, end: scalarOffset[end])
    }

    /// The 1-based rank of the place at `start` among the places `quote` occurs.
    func occurrence(of quote: String, at start: Int) -> Int {
        let needle = Array(quote.unicodeScalars)
        var rank = 0
        var offset = 0
        while offset + needle.count <= scalars.count {
            if scalars[offset] == needle[0], isBoundary[offset], isBoundary[offset + needle.count],
               scalars[offset..<(offset + needle.count)].elementsEqual(needle) {
                rank += 1
                if offset == start { return rank }
            }
            offset += 1
        }
        preconditionFailure("quote \(quote) not found at scalar \(start)")
    }
}
