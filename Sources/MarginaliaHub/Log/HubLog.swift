import Foundation
import MarginaliaCore
import MarginaliaIdentity
import PostgresNIO

/// The hub's state: a change log in PostgreSQL with the knowledge it implies, and the
/// hub's own replica id, name and identity, read from the database so that every hub
/// process on it is the same peer.
///
/// It answers what a sync session asks of a replica (knowledge, pages of missing
/// changes, appending a batch, digests, what peers hold) and nothing else: the hub
/// makes no changes of its own and keeps no state derived from them.
public final class HubLog: Sendable {
    public let database: HubDatabase
    public let id: ReplicaID
    /// The name peers see in the hello (`name()`).
    private let displayName: String
    public let identity: ReplicaIdentity

    private init(database: HubDatabase, id: ReplicaID, name: String, identity: ReplicaIdentity) {
        self.database = database
        self.id = id
        self.displayName = name
        self.identity = identity
    }

    /// `hub init`: creates the schema and the hub's id and identity on a database without
    /// a hub, or upgrades an older schema (keeping id, name and identity). Returns whether
    /// the hub was created (false: it existed).
    @discardableResult
    public static func initialize(on database: HubDatabase, name: String, now: Date) async throws -> Bool {
        guard let name = ReplicaNameRule.normalized(name) else { throw HubError.invalidName(name) }
        return try await database.transaction { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(HubLocks.schema))", logger: HubDatabase.log).collected()
            if let installed = try await HubSchema.installedVersion(on: connection) {
                try await HubSchema.upgrade(from: installed, on: connection)
                try await connection.query("UPDATE hub SET schema_version = \(HubSchema.version)", logger: HubDatabase.log)
                return false
            }
            try await HubSchema.upgrade(from: 0, on: connection)
            let replica = ReplicaID.random()
            let identity = try ReplicaIdentity.generate(for: replica, at: now)
            try await connection.query("""
                INSERT INTO hub (schema_version, replica, name, private_key, certificate, created_ms)
                VALUES (\(HubSchema.version), \(replica.rawValue), \(name), \(identity.privateKeyDER),
                        \(Data(try identity.certificateDER)), \(Self.milliseconds(now)))
                """, logger: HubDatabase.log)
            return true
        }
    }

    /// The hub on `database`, which `hub init` must have created at this schema version.
    public static func open(_ database: HubDatabase) async throws -> HubLog {
        let row = try await database.connection { connection -> (Int, String, String, Data, Data)? in
            guard let installed = try await HubSchema.installedVersion(on: connection) else { return nil }
            guard installed == HubSchema.version else {
                throw installed > HubSchema.version
                    ? HubError.schemaTooNew(found: installed, supported: HubSchema.version)
                    : HubError.schemaOutdated(found: installed, supported: HubSchema.version)
            }
            return try await connection.query(
                "SELECT schema_version, replica, name, private_key, certificate FROM hub", logger: HubDatabase.log
            ).decode((Int, String, String, Data, Data).self).collected().first
        }
        guard let (_, replica, name, key, certificate) = row else {
            throw HubError.notInitialized(database.url.description)
        }
        guard let id = ReplicaID(replica) else { throw HubError.corrupt("the hub's replica id '\(replica)' is not one") }
        do {
            let identity = try ReplicaIdentity(privateKeyDER: key, certificateDER: certificate)
            return HubLog(database: database, id: id, name: name, identity: identity)
        } catch let error as IdentityError {
            throw HubError.corrupt("the hub's identity: \(error)")
        }
    }

    /// The hub's name, sent in the hello.
    public func name() async throws -> String { displayName }

    /// What the log holds, per origin (every change up to the counter).
    public func knowledge() async throws -> VersionVector {
        try await database.connection { connection in try await Self.knowledge(on: connection) }
    }

    /// Knowledge as one statement sees it: a consistent state, since each append raises
    /// its rows in the transaction that stores its changes.
    static func knowledge(on connection: PostgresConnection) async throws -> VersionVector {
        var counters: [ReplicaID: UInt64] = [:]
        let rows = try await connection.query(
            "SELECT origin, counter FROM knowledge WHERE counter > 0", logger: HubDatabase.log)
        for try await (origin, counter) in rows.decode((String, Int64).self) {
            guard let replica = ReplicaID(origin) else { throw HubError.corrupt("the origin '\(origin)' is not a replica id") }
            counters[replica] = UInt64(counter)
        }
        return VersionVector(counters)
    }
}
