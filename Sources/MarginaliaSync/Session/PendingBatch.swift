import MarginaliaCore

/// Changes received but not yet applied, with the line each arrived on.
struct PendingBatch {
    var changes: [PreparedChange] = []
    var lines: [Int] = []
    /// The bytes of the changes' payloads.
    private var bytes = 0

    /// Whether it holds `ProtocolConstants.batchSize` changes or `batchBytes` of payloads.
    var isFull: Bool { changes.count >= ProtocolConstants.batchSize || bytes >= ProtocolConstants.batchBytes }

    mutating func append(_ change: PreparedChange, line: Int) {
        changes.append(change)
        lines.append(line)
        bytes += change.payloadBytes
    }
}
