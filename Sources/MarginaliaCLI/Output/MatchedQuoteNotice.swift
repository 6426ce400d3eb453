import MarginaliaCore
import MarginaliaStore

/// What `annotate` and `reanchor` say on standard error when the quote did not occur as
/// typed but folded (without diacritics, in another case, a hyphen for a dash): which
/// words of the article were taken, `matched “Hiệp định Paris” for "hiep dinh paris"`,
/// so a forgiving match is never a silent one.
enum MatchedQuoteNotice {
    /// Tells, for the annotation just anchored by `typed` (nil when anchored by offsets),
    /// the words it was anchored to when they are not what was typed.
    static func show(for annotation: EntityID, typed: String?, in replica: Replica) throws {
        guard let typed, let matched = try replica.annotation(annotation).anchor?.quote,
              !matched.unicodeScalars.elementsEqual(TextNormalization.nfc(typed).unicodeScalars)
        else { return }
        StandardError.errorLine("matched “\(matched)” for \"\(typed)\"")
    }
}
