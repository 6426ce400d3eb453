import Foundation
import MarginaliaStore

/// What a command runs against: the replica (opened on first use) and where output goes.
///
/// One-shot invocations make a context per process; the REPL keeps one for its session,
/// so the replica is opened once however many commands run.
public final class CommandContext {
    /// The replica file's path.
    public let replicaPath: String
    private let createsDirectories: Bool
    private var opened: Replica?
    private let textBlock: (() throws -> String)?
    let console: Console
    /// Where interactive questions (the `resolve` walk-through) get their answers.
    let answers: any AnswerReader

    init(
        replicaPath: String, createsDirectories: Bool, textBlock: (() throws -> String)? = nil,
        console: Console = Console(), answers: (any AnswerReader)? = nil
    ) {
        self.replicaPath = replicaPath
        self.createsDirectories = createsDirectories
        self.textBlock = textBlock
        self.console = console
        self.answers = answers ?? StandardInputAnswers(console: console)
    }

    /// A context for the options of one command line.
    static func make(options: GlobalOptions) -> CommandContext {
        session(db: options.db)
    }

    /// The context of a session on the replica `db` (nil: `$MARGINALIA_DB` or the default).
    ///
    /// `textBlock` reads text typed after a command, for `add TITLE` without a body: in the
    /// REPL and in scripts the lines that follow, up to a lone `.`. Without it, such a body
    /// comes from standard input when that is piped, as in one-shot use.
    public static func session(db: String?, textBlock: (() throws -> String)? = nil) -> CommandContext {
        let location = ReplicaLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
        return CommandContext(replicaPath: location.path, createsDirectories: location.isDefault, textBlock: textBlock)
    }

    /// The replica, created on first use.
    public func replica() throws -> Replica {
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

    /// Text a command was given neither as an option nor as a file: the session's text
    /// block, else piped standard input, else nothing.
    func untypedText() throws -> String {
        if let textBlock { return try textBlock() }
        return TextInput.standardInputIsTerminal ? "" : try TextInput.standardInput()
    }
}
