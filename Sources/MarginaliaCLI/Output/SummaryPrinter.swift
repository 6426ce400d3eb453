import MarginaliaSync

/// The one-line summary every sync and bundle application ends with, or its JSON.
struct SummaryPrinter {
    let console: Console
    let json: Bool

    /// Prints `summary` as JSON, or as its `line` (`SyncSummary.line` for a sync,
    /// `bundleLine` for a bundle applied).
    func print(_ summary: SyncSummary, line: KeyPath<SyncSummary, String> = \.line) {
        if json { return console.json(SyncSummaryJSON.json(summary)) }
        console.line(summary[keyPath: line])
    }
}
