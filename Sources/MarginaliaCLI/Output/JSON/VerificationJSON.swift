import MarginaliaStore

/// `verify --json`.
struct VerificationJSON: Encodable {
    var ok: Bool
    var changes: Int
    var rows: Int
    var problems: [String]

    init(_ report: VerificationReport) {
        ok = report.isConsistent
        changes = report.changesReplayed
        rows = report.rowsCompared
        problems = report.problems
    }
}
