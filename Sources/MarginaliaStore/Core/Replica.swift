import Foundation
import GRDB
import MarginaliaCore

/// One replica: a SQLite file holding the change log and the state derived from it.
///
/// The connection is owned by a GRDB `DatabaseQueue`, which serializes every access;
/// each `write` is one transaction, so a command either records all its changes or
/// none. The file is in WAL mode with a busy timeout, so several processes can share
/// it (writes wait for each other).
public final class Replica: Sendable {
    /// The file this replica lives in.
    public let path: String
    /// Who this replica is.
    public let id: ReplicaID
    let queue: DatabaseQueue
    let clock: any WallClock
    let ids: any IdentifierSource

    /// How `open` treats a file that does not exist yet.
    public enum Creation: Sendable {
        /// Open an existing replica only.
        case never
        /// Create the replica when the file is missing (first use), named `name` or after the host.
        case ifMissing(name: String?)
        /// Create a new replica; fail when the file already is one (`init`).
        case required(name: String?)
    }

    /// How long a write waits for another process's write lock by default, in seconds.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Opens (and when asked, creates) the replica at `path`. A write waits up to
    /// `busyTimeout` seconds for another process holding the file's write lock, then
    /// fails with `ReplicaError.busy`. `clock` and `ids` are where changes get their
    /// times and new entities their ids: the system's, except in tests.
    public static func open(
        at path: String, creation: Creation = .ifMissing(name: nil), clock: any WallClock = SystemWallClock(),
        ids: any IdentifierSource = SystemIdentifierSource(), busyTimeout: TimeInterval = defaultBusyTimeout
    ) throws -> Replica {
        let exists = FileManager.default.fileExists(atPath: path)
        switch creation {
        case .never where !exists:
            throw ReplicaError.cannotOpen(path: path, reason: "no such file")
        case .ifMissing(let name) where !exists, .required(let name) where !exists:
            return try makeReplica(at: path, name: name, clock: clock, ids: ids, busyTimeout: busyTimeout)
        case .required:
            let existing = try openExisting(at: path, clock: clock, ids: ids, busyTimeout: busyTimeout)
            throw ReplicaError.alreadyInitialized(path: path, id: existing.id)
        default:
            return try openExisting(at: path, clock: clock, ids: ids, busyTimeout: busyTimeout)
        }
    }

    private init(path: String, id: ReplicaID, queue: DatabaseQueue, clock: any WallClock, ids: any IdentifierSource) {
        self.path = path
        self.id = id
        self.queue = queue
        self.clock = clock
        self.ids = ids
    }

    /// Creates a replica with a chosen id: for conformance vectors and tests, which
    /// need replicas whose hello and log are known in advance. Never reuse an id.
    @_spi(Testing)
    public static func create(
        at path: String, name: String, id: ReplicaID, clock: any WallClock, ids: any IdentifierSource = SystemIdentifierSource()
    ) throws -> Replica {
        try makeReplica(at: path, name: name, id: id, clock: clock, ids: ids)
    }

    private static func makeReplica(
        at path: String, name: String?, id: ReplicaID = .random(), clock: any WallClock, ids: any IdentifierSource,
        busyTimeout: TimeInterval = defaultBusyTimeout
    ) throws -> Replica {
        let name = try ReplicaName.validated(name ?? ReplicaName.hostDefault())
        try createPrivateFile(at: path)
        do {
            let queue = try connect(path: path, busyTimeout: busyTimeout)
            // WAL is a property of the file: set once at creation, so that merely opening
            // a file (perhaps not even a replica) never writes to it.
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try queue.write { db in
                try Schema.create(db)
                let now = clock.now()
                try db.execute(
                    sql: "INSERT INTO replica (singleton, id, name, created_ms) VALUES (1, ?, ?, ?)",
                    arguments: [id.rawValue, name, now])
                try IdentityTable(db: db).renew(for: id, now: now)
            }
            return Replica(path: path, id: id, queue: queue, clock: clock, ids: ids)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw ReplicaError(error, path: path)
        }
    }

    private static func openExisting(
        at path: String, clock: any WallClock, ids: any IdentifierSource, busyTimeout: TimeInterval
    ) throws
        -> Replica
    {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ReplicaError.notAReplica(path: path, reason: "it is a folder")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ReplicaError.cannotOpen(path: path, reason: "permission denied")
        }
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber, size.intValue == 0 {
            throw ReplicaError.notAReplica(path: path, reason: "the file is empty")
        }
        do {
            let queue = try connect(path: path, busyTimeout: busyTimeout)
            let (id, version) = try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard applicationID == Schema.applicationID else {
                    throw ReplicaError.notAReplica(path: path, reason: "a SQLite database of another application")
                }
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard version <= Schema.version else {
                    throw ReplicaError.unsupportedFormat(path: path, version: version)
                }
                guard let text = try String.fetchOne(db, sql: "SELECT id FROM replica"), let id = ReplicaID(text) else {
                    throw ReplicaError.notAReplica(path: path, reason: "its replica id is missing")
                }
                return (id, version)
            }
            // An older format is brought up to date; its derived tables are laid out
            // differently, so one that cannot be written cannot be read either.
            if version < Schema.version {
                guard FileManager.default.isWritableFile(atPath: path) else {
                    throw ReplicaError.cannotUpgrade(path: path, version: version)
                }
                try queue.write { db in try Schema.upgrade(db, from: version, now: clock.now()) }
            }
            return Replica(path: path, id: id, queue: queue, clock: clock, ids: ids)
        } catch let error as ReplicaError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw ReplicaError.notAReplica(path: path, reason: "not a SQLite database")
        } catch {
            throw ReplicaError(error, path: path)
        }
    }

    /// Opens a connection configured for replicas: a busy timeout, and the search
    /// tokenizer registered (the full-text indexes need it). Opening writes nothing.
    static func connect(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws -> DatabaseQueue {
        var configuration = Configuration()
        let wait = BusyWait(timeout: busyTimeout)
        configuration.busyMode = .callback { tries in wait.tryAgain(after: tries) }
        configuration.label = "marginalia"
        configuration.prepareDatabase { db in
            try SearchTokenizer.register(in: db)
            try ConnectionSettings.ordinary.apply(to: db)
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Creates an empty file readable by its owner only: notes are private.
    private static func createPrivateFile(at path: String) throws {
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            throw ReplicaError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        close(descriptor)
    }

    /// Runs `body` on a consistent snapshot of the replica.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw ReplicaError(error, path: path)
        }
    }

    /// Runs `body` in one write transaction: everything it records commits together or not at all.
    /// `settings` are those of the connection for it (`ConnectionSettings.largeEdit` for an import).
    func writeTransaction<T>(settings: ConnectionSettings = .ordinary, _ body: (Database) throws -> T) throws -> T {
        do {
            // Set every time, whatever a sync left: one stopped between its batches
            // (Ctrl-C in the REPL) leaves the connection with the bulk ones, where a
            // commit is not synced to disk by itself.
            return try queue.writeWithoutTransaction { db in
                try settings.apply(to: db)
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw ReplicaError(error, path: path)
        }
    }
}

extension ReplicaError {
    /// Wraps any error from below as a replica error, keeping replica errors as they are.
    init(_ error: any Error, path: String) {
        switch error {
        case let error as ReplicaError:
            self = error
        case let error as DatabaseError:
            switch (error.resultCode, error.extendedResultCode) {
            case (.SQLITE_BUSY, _):
                self = .busy(path: path)
            case (.SQLITE_READONLY, _):
                self = .readOnly(path: path)
            // A write refused with EFBIG (a file size limit) is an I/O error rather than SQLITE_FULL.
            case (.SQLITE_FULL, _), (_, .SQLITE_IOERR_WRITE), (_, .SQLITE_IOERR_TRUNCATE), (_, .SQLITE_IOERR_SHMSIZE):
                self = .diskFull(path: path)
            default:
                self = .database(path: path, message: error.message ?? "\(error.resultCode)")
            }
        default:
            self = .database(path: path, message: "\(error)")
        }
    }
}

extension Replica {
    /// Runs `body` with a local editor in one transaction: every change it records is
    /// committed together, or, when it throws, none is.
    public func edit<T>(_ body: (inout LocalEditor) throws -> T) throws -> T {
        try edit(deferringSearch: false, body)
    }

    /// `edit` for a transaction that adds a great many rows (`import` of a folder): its
    /// rows are left out of the full-text indexes, which are built after the commit in
    /// steps of short transactions, as after an initial sync (`SearchIndex`). Keeping
    /// them up to date row by row within one huge transaction took a third of an
    /// import's CPU time at 20,000 articles and 60,000 alike. Either every change
    /// commits or none does; a process stopped before the indexes are built leaves
    /// them marked, and the next search (or `verify`) finishes them.
    /// Its transaction writes with `ConnectionSettings.largeEdit`.
    public func bulkEdit<T>(_ body: (inout LocalEditor) throws -> T) throws -> T {
        let result = try edit(deferringSearch: true, body)
        try completeSearchIndex()
        return result
    }

    private func edit<T>(deferringSearch: Bool, _ body: (inout LocalEditor) throws -> T) throws -> T {
        try writeTransaction(settings: deferringSearch ? .largeEdit : .ordinary) { db in
            if deferringSearch { try SearchIndex(db: db).deferUpdates() }
            var editor = try LocalEditor(db: db, replica: id, clock: clock, ids: ids)
            return try body(&editor)
        }
    }
}
