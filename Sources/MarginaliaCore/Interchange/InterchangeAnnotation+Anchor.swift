extension InterchangeAnnotation {
    /// An anchor of unknown revision for re-anchoring to place: the file's quote and
    /// context, at the file's position converted to scalars of `body` (0 without one).
    /// The position only breaks ties between places of the quote; the quote decides.
    public func anchorHint(in body: ScalarText) -> Anchor {
        let start = scalarRange(in: body)?.lowerBound ?? 0
        return Anchor(
            start: start, end: start + quote.unicodeScalars.count, quote: quote, prefix: prefix, suffix: suffix,
            revision: nil)
    }

    /// The file's position in scalars of `body`, nil when the file gives none.
    public func scalarRange(in body: ScalarText) -> Range<Int>? {
        switch position {
        case .scalars(let range): range
        case .utf16(let range):
            body.scalarOffset(utf16Offset: range.lowerBound)..<max(
                body.scalarOffset(utf16Offset: range.lowerBound), body.scalarOffset(utf16Offset: range.upperBound))
        case nil: nil
        }
    }

    /// Whether this is an orphan as Marginalia exports one, of `article`: it names the
    /// article by id and gives a quote but no position, since its words are gone. Such an
    /// annotation is imported as an orphan rather than refused, so a round trip keeps it.
    public func isExportedOrphan(of article: EntityID) -> Bool {
        position == nil && articleID == article
    }
}
