import MarginaliaSync

/// The one-line summary every sync and bundle application ends with, or its JSON.
struct SummaryPrinter {
    let console: Console
    let json: Bool

    func print(_ summary: SyncSummary) throws {
        if json { return console.json(SyncSummaryJSON.json(summary)) }
        console.line(summary.line)
    }
}
