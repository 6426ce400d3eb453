import MarginaliaCore
import MarginaliaStore

/// What `annotate`, `reanchor` and `replace` say on standard error when the words typed
/// did not occur as typed but folded (without diacritics, in another case, a hyphen for
/// a dash): which words of the article were taken, `matched “Hiệp định Paris” for
/// "hiep dinh paris"`, so a forgiving match is never a silent one.
enum MatchedQuoteNotice {
    /// Tells the words of the article taken for `typed`, when they are not what was typed.
    static func show(_ matched: [String], for typed: String) {
        let typedScalars = TextNormalization.nfc(typed).unicodeScalars
        var seen: [String] = []
        for text in matched where !text.unicodeScalars.elementsEqual(typedScalars) && !seen.contains(text) {
            seen.append(text)
        }
        guard !seen.isEmpty else { return }
        StandardError.errorLine("matched \(seen.map { "“\($0)”" }.joined(separator: ", ")) for \"\(typed)\"")
    }

    /// Tells, for the annotation just anchored by `typed` (nil when anchored by offsets),
    /// the words it was anchored to when they are not what was typed.
    static func show(for annotation: EntityID, typed: String?, in replica: Replica) throws {
        guard let typed, let matched = try replica.annotation(annotation).anchor?.quote else { return }
        show([matched], for: typed)
    }
}
