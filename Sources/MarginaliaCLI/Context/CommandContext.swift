import Foundation
import MarginaliaStore

/// What a command runs against: the replica (opened on first use) and where output goes.
///
/// One-shot invocations make a context per process; the REPL keeps one for its session.
public final class CommandContext {
    /// The replica file's path.
    public let replicaPath: String
    private let createsDirectories: Bool
    private var opened: Replica?
    let console: Console
    /// Where interactive questions (the `resolve` walk-through) get their answers.
    let answers: any AnswerReader

    init(
        replicaPath: String, createsDirectories: Bool, console: Console = Console(), answers: (any AnswerReader)? = nil
    ) {
        self.replicaPath = replicaPath
        self.createsDirectories = createsDirectories
        self.console = console
        self.answers = answers ?? StandardInputAnswers(console: console)
    }

    /// A context for the options of one command line.
    static func make(options: GlobalOptions) -> CommandContext {
        let location = ReplicaLocation.resolve(explicit: options.db, environment: ProcessInfo.processInfo.environment)
        return CommandContext(replicaPath: location.path, createsDirectories: location.isDefault)
    }

    /// The replica, created on first use.
    func replica() throws -> Replica {
        if let opened { return opened }
        let replica = try open(creation: .ifMissing(name: nil))
        opened = replica
        return replica
    }

    /// The replica, which must already exist unless it is the default one. For `serve`:
    /// a mistyped path in `sync ssh://HOST/PATH` must fail, not answer from a new, empty
    /// replica.
    func existingReplica() throws -> Replica {
        if let opened { return opened }
        if !createsDirectories && !FileManager.default.fileExists(atPath: replicaPath) {
            throw UsageError("no replica at \(replicaPath) (to create one there: marginalia --db \(replicaPath) init)")
        }
        return try replica()
    }

    /// Opens the replica with an explicit creation policy (for `init`).
    func open(creation: Replica.Creation) throws -> Replica {
        if createsDirectories {
            let directory = (replicaPath as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let replica = try Replica.open(
            at: replicaPath, creation: creation,
            busyTimeout: try BusyTimeout.seconds(in: ProcessInfo.processInfo.environment))
        opened = replica
        return replica
    }
}
