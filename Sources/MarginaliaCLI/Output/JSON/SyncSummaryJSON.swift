import MarginaliaCore
import MarginaliaSync

/// The summary of `sync --json` and `bundle apply --json`.
enum SyncSummaryJSON {
    static func json(_ summary: SyncSummary) -> JSONValue {
        .members([
            "peer": summary.peer, "peer_name": summary.peerName, "sent": summary.sent, "received": summary.received,
            "duplicates": summary.duplicates, "new_conflicts": summary.newConflicts,
            "settled_conflicts": summary.settledConflicts, "bytes_sent": summary.bytesSent,
            "bytes_received": summary.bytesReceived, "seconds": summary.seconds,
        ])
    }
}
