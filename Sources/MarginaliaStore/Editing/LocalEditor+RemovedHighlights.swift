import MarginaliaCore

extension LocalEditor {
    /// Runs `edit`, an edit of `article`, and counts the highlights it removes: the
    /// visible annotations whose words were placed in the body before it (`exact`,
    /// `moved` or `fuzzy`) and are `orphaned` or need `review` after it. An edit that
    /// removes annotated text says so ("this edit removes 2 highlights").
    public mutating func countingRemovedHighlights<T>(
        of article: EntityID, _ edit: (inout LocalEditor) throws -> T
    ) throws -> (result: T, removed: Int) {
        let rows = AnnotationRows(db: db)
        let before = try rows.placed(onArticle: article)
        let result = try edit(&self)
        let after = Set(try rows.placed(onArticle: article).filter(\.placement.status.isDoubtful).map(\.id))
        let removed = before.filter { !$0.placement.status.isDoubtful && after.contains($0.id) }
        return (result, removed.count)
    }
}
