import MarginaliaCore

/// What an edit of a body says when it removes annotated text: one line on standard
/// error ("this edit removes 2 highlights"), a notice that leaves the output and the
/// exit status as they were. The annotations are kept, listed by `show` as orphaned or
/// marked for review.
enum RemovedHighlightsNotice {
    static func show(_ count: Int, article: EntityID) {
        guard count > 0 else { return }
        StandardError.line(
            "this edit removes \(count) highlight\(count == 1 ? "" : "s") "
                + "(kept; see 'marginalia show \(HumanFormat.short(article))')")
    }
}
