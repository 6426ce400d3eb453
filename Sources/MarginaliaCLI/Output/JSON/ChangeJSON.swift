import MarginaliaCore
import MarginaliaStore

/// A line of `history --json` and `log --json`: the change as stored, plus the
/// author's name and a readable time.
enum ChangeJSON {
    static func json(_ entry: LogEntry) -> JSONValue {
        entry.change.json.adding(["replica_name": entry.replicaName, "iso_time": JSONOutput.time(entry.change.time)])
    }
}
