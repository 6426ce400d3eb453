import MarginaliaCore
import MarginaliaStore

/// `verify --json`.
enum VerificationJSON {
    static func json(_ report: VerificationReport) -> JSONValue {
        .members([
            "ok": report.isConsistent, "changes": report.changesReplayed, "rows": report.rowsCompared,
            "problems": report.problems,
        ])
    }
}
