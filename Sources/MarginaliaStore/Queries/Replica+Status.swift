import GRDB
import MarginaliaCore

/// What `status` reports.
public struct ReplicaStatus: Hashable, Sendable {
    public var path: String
    public var info: ReplicaInfo
    /// What peers will know this replica by in TLS sync.
    public var identity: IdentityInfo
    public var articles: Int
    public var annotations: Int
    public var changes: Int
    public var openConflicts: Int
    public var knowledge: VersionVector
    /// Names of the replicas in `knowledge`, where known.
    public var replicaNames: [ReplicaID: String]
    /// The digest of the whole log (`LogDigest`).
    public var logDigest: LogDigest
    /// Peers whose logs were found to differ from this one.
    public var divergences: [Divergence]
}

extension Replica {
    /// Who this replica is and what it holds.
    public func status() throws -> ReplicaStatus {
        let divergences = try divergences()
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name, created_ms FROM replica") else {
                throw CorruptReplicaError("the replica row is missing")
            }
            let info = ReplicaInfo(id: id, name: row["name"], created: row["created_ms"])
            let counts = VisibleCounts(db: db)
            return ReplicaStatus(
                path: path, info: info, identity: try IdentityTable(db: db).info(), articles: try counts.count(.article),
                annotations: try counts.count(.annotation),
                changes: try Int.fetchOne(db, sql: "SELECT max(seq) FROM changes") ?? 0,
                openConflicts: try ConflictQueries(db: db).count(),
                knowledge: try ChangeLog(db: db).knowledge(), replicaNames: try ReplicaNames(db: db).all(),
                logDigest: try LogDigests(db: db).total(), divergences: divergences)
        }
    }

    /// This replica's name.
    public func name() throws -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT name FROM replica") ?? "" }
    }
}
