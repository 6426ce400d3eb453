import GRDB
import MarginaliaCore

/// One change as people read it in `history` and `log`.
public struct LogEntry: Hashable, Sendable {
    public var change: Change
    /// The name of the replica that made it, when known.
    public var replicaName: String?
}

extension Replica {
    /// Every change to `entity`, oldest first.
    public func history(of entity: EntityID) throws -> [LogEntry] {
        try logEntries(where: "entity = ?", arguments: [entity.rawValue], order: "seq")
    }

    /// The latest `limit` changes, newest first.
    public func log(limit: Int) throws -> [LogEntry] {
        try logEntries(where: "1", arguments: [], order: "seq DESC LIMIT \(max(0, limit))")
    }

    private func logEntries(where condition: String, arguments: StatementArguments, order: String) throws
        -> [LogEntry]
    {
        try read { db in
            let names = try ReplicaNames(db: db).all()
            return try String.fetchAll(
                db, sql: "SELECT payload FROM changes WHERE \(condition) ORDER BY \(order)", arguments: arguments
            ).map { payload in
                let change = try ChangeLog.decode(payload)
                return LogEntry(change: change, replicaName: names[change.dot.replica])
            }
        }
    }
}
