/// Edit distances between runs of Unicode scalars, for telling a slightly edited
/// quote ("nước" → "nược", one scalar in NFC) from different words.
///
/// Both are the textbook dynamic programs over one row, after setting aside the
/// prefix and suffix the two runs share, which is all of them but a word or two when
/// the runs are a quote and its edited self.
enum ScalarEditDistance {
    /// The fewest insertions, deletions and substitutions of scalars turning `a` into `b`.
    static func levenshtein(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> Int {
        let (a, b) = withoutSharedEnds(a, b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for (i, scalar) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, other) in b.enumerated() {
                let substituted = diagonal + (scalar == other ? 0 : 1)
                diagonal = row[j + 1]
                row[j + 1] = min(substituted, row[j] + 1, row[j + 1] + 1)
            }
        }
        return row[b.count]
    }

    /// The length of a longest common subsequence of `a` and `b`: how many scalars of
    /// `a` survive, in order, in `b`.
    static func commonSubsequenceLength(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> Int {
        let (innerA, innerB) = withoutSharedEnds(a, b)
        let shared = a.count - innerA.count
        guard !innerA.isEmpty, !innerB.isEmpty else { return shared }
        var row = [Int](repeating: 0, count: innerB.count + 1)
        for scalar in innerA {
            var diagonal = 0
            for (j, other) in innerB.enumerated() {
                let kept = scalar == other ? diagonal + 1 : max(row[j], row[j + 1])
                diagonal = row[j + 1]
                row[j + 1] = kept
            }
        }
        return shared + row[innerB.count]
    }

    /// How many scalars `a` and `b` share at their start (`head`) and, after those, at
    /// their end (`tail`).
    static func sharedEnds(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> (head: Int, tail: Int) {
        let head = zip(a, b).prefix { $0 == $1 }.count
        let tail = zip(a.dropFirst(head).reversed(), b.dropFirst(head).reversed()).prefix { $0 == $1 }.count
        return (head, tail)
    }

    private static func withoutSharedEnds(
        _ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>
    ) -> (ArraySlice<Unicode.Scalar>, ArraySlice<Unicode.Scalar>) {
        let (head, tail) = sharedEnds(a, b)
        return (a.dropFirst(head).dropLast(tail), b.dropFirst(head).dropLast(tail))
    }
}
