/// Where a pattern occurs in a text with a few errors: every end of a substring within
/// `maxErrors` insertions, deletions or substitutions of scalars of the pattern.
///
/// Sellers' dynamic program with Ukkonen's cut-off: only the rows that can still end
/// within the error bound are computed, so a search costs about `maxErrors` steps per
/// scalar of the text instead of the pattern's length. Each cell also carries where
/// its best alignment starts, so a match comes back as a range.
enum ApproximateSearch {
    struct Match: Hashable {
        var range: Range<Int>
        var errors: Int
    }

    /// The best-aligned matches: of the ends reported side by side for one place, only
    /// those with fewer errors than their neighbours (the first of equals).
    static func matches(of pattern: [Unicode.Scalar], in text: [Unicode.Scalar], maxErrors: Int) -> [Match] {
        let every = allMatches(of: pattern, in: text, maxErrors: maxErrors)
        return every.indices.filter { index in
            let match = every[index]
            let before = index > 0 && every[index - 1].range.upperBound == match.range.upperBound - 1
                ? every[index - 1].errors : Int.max
            let after = index + 1 < every.count && every[index + 1].range.upperBound == match.range.upperBound + 1
                ? every[index + 1].errors : Int.max
            return match.errors < before && match.errors <= after
        }.map { every[$0] }
    }

    /// Every end where the pattern matches within `maxErrors`, in order.
    private static func allMatches(of pattern: [Unicode.Scalar], in text: [Unicode.Scalar], maxErrors: Int) -> [Match] {
        let length = pattern.count
        guard length > 0, maxErrors >= 0, maxErrors < length else { return [] }
        // Column of the dynamic program: errors[i] aligns pattern[..<i] with a text
        // substring ending here, which starts at starts[i].
        var errors = Array(0...length)
        var starts = [Int](repeating: 0, count: length + 1)
        var lastActive = maxErrors
        var found: [Match] = []
        for (end, scalar) in text.enumerated() {
            var diagonal = 0
            var diagonalStart = end
            starts[0] = end + 1
            let rows = min(lastActive + 1, length)
            for i in 1...rows {
                let left = errors[i]
                let leftStart = starts[i]
                if pattern[i - 1] == scalar {
                    errors[i] = diagonal
                    starts[i] = diagonalStart
                } else {
                    var best = diagonal
                    var bestStart = diagonalStart
                    if left < best { best = left; bestStart = leftStart }
                    if errors[i - 1] < best { best = errors[i - 1]; bestStart = starts[i - 1] }
                    errors[i] = best + 1
                    starts[i] = bestStart
                }
                diagonal = left
                diagonalStart = leftStart
            }
            // The row past the computed ones is beyond the bound; a stale value there
            // must not pass for a good one when the next column reaches it.
            if rows < length { errors[rows + 1] = maxErrors + 1 }
            lastActive = rows
            while errors[lastActive] > maxErrors { lastActive -= 1 }
            if lastActive == length { found.append(Match(range: starts[length]..<(end + 1), errors: errors[length])) }
        }
        return found
    }
}
