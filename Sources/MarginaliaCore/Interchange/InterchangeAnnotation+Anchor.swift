extension InterchangeAnnotation {
    /// An anchor of unknown revision for re-anchoring to place: the file's quote and
    /// context, at the file's position converted to scalars of `body` (0 without one).
    /// The position only breaks ties between places of the quote; the quote decides.
    public func anchorHint(in body: ScalarText) -> Anchor {
        let start: Int
        switch position {
        case .scalars(let range): start = range.lowerBound
        case .utf16(let range): start = body.scalarOffset(utf16Offset: range.lowerBound)
        case nil: start = 0
        }
        return Anchor(
            start: start, end: start + quote.unicodeScalars.count, quote: quote, prefix: prefix, suffix: suffix,
            revision: nil)
    }
}
