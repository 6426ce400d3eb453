/// The body cut at every start and end of a placed annotation, so overlapping and
/// nested highlights render as runs each covered by a fixed set of annotations.
struct HighlightSegments {
    struct Segment {
        var range: Range<Int>
        /// The numbers (1-based, in `AnnotatedArticle` order) of the annotations covering it.
        var covering: [Int]
        /// The numbers of the annotations ending where it ends: their markers go after it.
        var ending: [Int]
    }

    let segments: [Segment]

    init(_ article: AnnotatedArticle) {
        let ranges = article.annotations.enumerated().compactMap { index, placed in
            placed.placement.range.map { (number: index + 1, range: $0) }
        }
        let cuts = Set([0, article.body.count] + ranges.flatMap { [$0.range.lowerBound, $0.range.upperBound] }).sorted()
        segments = zip(cuts, cuts.dropFirst()).map { start, end in
            Segment(
                range: start..<end,
                covering: ranges.filter { $0.range.lowerBound <= start && end <= $0.range.upperBound }.map(\.number),
                ending: ranges.filter { $0.range.upperBound == end }.map(\.number))
        }
    }
}
