import Foundation
import GRDB
import MarginaliaCore

/// A named peer: where to sync with, and what was learnt of it at the last sync.
public struct Peer: Hashable, Sendable {
    public var name: String
    public var target: String
    public var replica: ReplicaID?
    public var lastSync: Int64?
    /// The peer's knowledge as last seen (after the last sync or bundle).
    public var knowledge: VersionVector?
}

extension Replica {
    /// Records what a sync or bundle taught about another replica: its name, and
    /// the knowledge it has now (so `bundle create --for` can send only what it lacks).
    public func remember(replica other: ReplicaID, name: String, knowledge: VersionVector) throws {
        let now = clock.now()
        let encoded = try CanonicalJSON.string(knowledge)
        try writeTransaction { db in
            try ReplicaNames(db: db).record(name, for: other)
            try db.execute(
                sql: """
                    INSERT INTO remote_knowledge (replica, knowledge, synced_ms) VALUES (?, ?, ?)
                    ON CONFLICT (replica) DO UPDATE SET knowledge = excluded.knowledge, synced_ms = excluded.synced_ms
                    """, arguments: [other.rawValue, encoded, now])
        }
    }

    /// Notes that the named peer was just synced and turned out to be replica `other`.
    public func markSynced(peer name: String, replica other: ReplicaID) throws {
        let now = clock.now()
        try writeTransaction { db in
            try db.execute(
                sql: "UPDATE peers SET replica = ?, last_sync_ms = ? WHERE name = ?", arguments: [other.rawValue, now, name])
        }
    }

    /// The knowledge of `other` as last seen, if it was ever seen.
    public func rememberedKnowledge(of other: ReplicaID) throws -> VersionVector? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT knowledge FROM remote_knowledge WHERE replica = ?", arguments: [other.rawValue])
                .map { try CanonicalJSON.decode(VersionVector.self, from: Data($0.utf8)) }
        }
    }

    /// Adds (or retargets) a named peer.
    public func addPeer(name: String, target: String) throws {
        try writeTransaction { db in
            try db.execute(
                sql: """
                    INSERT INTO peers (name, target) VALUES (?, ?)
                    ON CONFLICT (name) DO UPDATE SET target = excluded.target
                    """, arguments: [name, target])
        }
    }

    /// Forgets the named peer. What syncs taught about its replica (name, knowledge) stays:
    /// bundles for it still send only what it lacks.
    public func removePeer(name: String) throws {
        try writeTransaction { db in
            try db.execute(sql: "DELETE FROM peers WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw ReplicaError.unknownPeer(name) }
        }
    }

    /// Every named peer, by name.
    public func peers() throws -> [Peer] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.name, p.target, p.replica, p.last_sync_ms, k.knowledge
                FROM peers p LEFT JOIN remote_knowledge k ON k.replica = p.replica ORDER BY p.name
                """
            ).map { row in
                let knowledge: String? = row["knowledge"]
                return Peer(
                    name: row["name"], target: row["target"], replica: (row["replica"] as String?).flatMap(ReplicaID.init),
                    lastSync: row["last_sync_ms"],
                    knowledge: try knowledge.map { try CanonicalJSON.decode(VersionVector.self, from: Data($0.utf8)) })
            }
        }
    }

    /// The peer called `name`, if any.
    public func peer(named name: String) throws -> Peer? {
        try peers().first { $0.name == name }
    }

    /// The other replicas heard of (from a sync or a bundle) under `name`, in id order:
    /// names are chosen by people and may repeat, so there may be several.
    public func replicas(named name: String) throws -> [ReplicaID] {
        try read { db in
            try ReplicaNames(db: db).all().filter { $0.value == name && $0.key != id }.keys.sorted()
        }
    }
}
