import Foundation
import MarginaliaCore
import MarginaliaStore

/// A line of `history --json` and `log --json`: the change as stored, plus the
/// author's name and a readable time.
struct ChangeJSON: Encodable {
    var change: Change
    var replicaName: String?

    enum CodingKeys: String, CodingKey {
        case replicaName = "replica_name"
        case isoTime = "iso_time"
    }

    init(_ entry: LogEntry) {
        change = entry.change
        replicaName = entry.replicaName
    }

    func encode(to encoder: any Encoder) throws {
        try change.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(replicaName, forKey: .replicaName)
        try container.encode(JSONOutput.time(change.time), forKey: .isoTime)
    }
}
