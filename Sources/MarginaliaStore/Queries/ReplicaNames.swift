import GRDB
import MarginaliaCore

/// Human names of replicas this one has heard of (its own, and peers' from sync).
struct ReplicaNames {
    let db: Database

    func all() throws -> [ReplicaID: String] {
        var names: [ReplicaID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT replica, name FROM replica_names UNION SELECT id, name FROM replica") {
            if let id = ReplicaID(row[0] as String) { names[id] = row[1] }
        }
        return names
    }

    /// Records the name `replica` gave in its latest hello.
    func record(_ name: String, for replica: ReplicaID) throws {
        try db.execute(
            sql: """
                INSERT INTO replica_names (replica, name) VALUES (?, ?)
                ON CONFLICT (replica) DO UPDATE SET name = excluded.name
                """, arguments: [replica.rawValue, name])
    }
}
