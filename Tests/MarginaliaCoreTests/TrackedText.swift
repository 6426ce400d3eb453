import MarginaliaCore
import MarginaliaCoreTestSupport

/// A body being edited, with the annotated spans carried through each edit: a span
/// shifts with edits before it, grows or shrinks with edits inside it (then it is
/// `touched`), rides along with a moved paragraph, and is gone (nil) when an edit
/// covers it.
struct TrackedText {
    var scalars: [Unicode.Scalar]
    var spans: [Range<Int>?] = []
    var touched: [Bool] = []
    /// Whether a paragraph move took part of the span away: its words went two ways.
    var torn: [Bool] = []

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var text: String { String(String.UnicodeScalarView(scalars)) }

    /// Word-token boundaries: where edits and most annotations start and end.
    private var tokenBoundaries: [Int] {
        var offsets = [0]
        for token in WordTokens.of(text) {
            offsets.append(offsets[offsets.count - 1] + token.unicodeScalars.count)
        }
        return offsets
    }

    /// Paragraph ranges (text between blank-line separators).
    private var paragraphs: [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\n", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                result.append(start..<index)
                start = index + 2
                index += 2
            } else {
                index += 1
            }
        }
        result.append(start..<scalars.count)
        return result.filter { !$0.isEmpty }
    }

    /// A random annotation from the start of a word (sometimes a letter or two into it)
    /// to up to 40 scalars past the end of that word, tracked from now on.
    mutating func annotate(_ rng: inout SplitMix64, revision: Dot) -> Anchor? {
        let boundaries = tokenBoundaries
        let start = rng.pick(Array(boundaries.dropLast()))
        let end = min(scalars.count, boundaries.first { $0 > start }! + rng.int(0...40))
        let body = ScalarText(text)
        let lower = rng.chance(0.2) ? body.boundary(atOrAfter: start + rng.int(0...2)) : start
        let upper = body.boundary(atOrAfter: end)
        guard upper > lower, upper <= scalars.count,
              let anchor = try? AnchorBuilder(body: text, revision: revision).anchor(start: lower, end: upper),
              !anchor.quote.allSatisfy(\.isWhitespace)
        else { return nil }
        spans.append(lower..<upper)
        touched.append(false)
        torn.append(false)
        return anchor
    }

    /// One random edit; a fifth of them aimed at an annotated span.
    mutating func edit(_ rng: inout SplitMix64, filler: [String]) {
        let boundaries = tokenBoundaries
        let aimed = spans.compactMap { $0 }
        let near: Int
        if rng.chance(0.2), !aimed.isEmpty {
            let target = rng.pick(aimed).lowerBound + rng.int(-3...3)
            near = boundaries.min { abs($0 - target) < abs($1 - target) }!
        } else {
            near = rng.pick(boundaries)
        }
        let at = boundaries.firstIndex(of: near)!
        let words = (0..<rng.int(1...6)).map { _ in rng.pick(filler) }.joined(separator: " ")
        switch rng.int(0...6) {
        case 0:
            replace(near..<near, with: " " + words + " ")
        case 1:
            replace(near..<boundaries[min(boundaries.count - 1, at + rng.int(1...12))], with: "")
        case 2:
            replace(near..<boundaries[min(boundaries.count - 1, at + rng.int(1...8))], with: words)
        case 3:
            // A word's first letter changes case, as `replace "Ban chấp hành" "Ban Chấp hành"`.
            guard at + 1 < boundaries.count else { return }
            let word = String(String.UnicodeScalarView(scalars[near..<boundaries[at + 1]]))
            guard let letter = word.first, letter.isLetter else { return }
            let flipped = letter.isUppercase ? letter.lowercased() : letter.uppercased()
            replace(near..<(near + letter.unicodeScalars.count), with: TextNormalization.nfc(flipped))
        case 4:
            let paragraphs = paragraphs
            guard paragraphs.count > 2 else { return }
            let moved = rng.pick(paragraphs)
            let target = rng.pick(paragraphs.filter { $0 != moved })
            move(moved, before: target)
        case 5:
            let spaces = scalars.indices.filter { scalars[$0] == " " }
            guard let space = spaces.min(by: { abs($0 - near) < abs($1 - near) }) else { return }
            replace(space..<(space + 1), with: "\n\n")
        default:
            let breaks = paragraphs.dropFirst().map { ($0.lowerBound - 2)..<$0.lowerBound }
            guard let separator = breaks.min(by: { abs($0.lowerBound - near) < abs($1.lowerBound - near) }) else { return }
            replace(separator, with: " ")
        }
    }

    /// Replaces `range` by `text`: text inserted at a span's edge stays outside it.
    mutating func replace(_ range: Range<Int>, with text: String) {
        let new = Array(text.unicodeScalars)
        let delta = new.count - range.count
        scalars.replaceSubrange(range, with: new)
        for index in spans.indices {
            guard let span = spans[index] else { continue }
            if range.upperBound <= span.lowerBound {
                spans[index] = (span.lowerBound + delta)..<(span.upperBound + delta)
            } else if range.lowerBound >= span.upperBound {
                continue
            } else if range.lowerBound <= span.lowerBound, range.upperBound >= span.upperBound {
                spans[index] = nil
                touched[index] = true
            } else {
                spans[index] = min(span.lowerBound, range.lowerBound)..<(max(span.upperBound, range.upperBound) + delta)
                touched[index] = true
            }
        }
    }

    /// Moves paragraph `moved` (with a separator) to just before paragraph `target`.
    mutating func move(_ moved: Range<Int>, before target: Range<Int>) {
        let text = String(String.UnicodeScalarView(scalars[moved])) + "\n\n"
        // Spans inside the paragraph ride along; a span across its edge is torn apart:
        // tracked where its larger part goes, though its words now lie in both places.
        let riding = spans.indices.compactMap { index -> (Int, Range<Int>)? in
            guard let span = spans[index] else { return nil }
            let inside = span.clamped(to: moved)
            if !inside.isEmpty, inside != span { torn[index] = true }
            guard 2 * inside.count > span.count else { return nil }
            touched[index] = touched[index] || inside != span
            spans[index] = nil
            return (index, (inside.lowerBound - moved.lowerBound)..<(inside.upperBound - moved.lowerBound))
        }
        let removed = moved.upperBound + 2 <= scalars.count ? moved.lowerBound..<(moved.upperBound + 2)
            : (moved.lowerBound - 2)..<moved.upperBound
        replace(removed, with: "")
        let insertion = target.lowerBound > moved.lowerBound ? target.lowerBound - removed.count : target.lowerBound
        replace(insertion..<insertion, with: text)
        for (index, relative) in riding {
            spans[index] = (insertion + relative.lowerBound)..<(insertion + relative.upperBound)
        }
    }
}
