import Foundation
import MarginaliaStore

/// What a command runs against: the replica (opened on first use) and where output goes.
///
/// One-shot invocations make a context per process; the REPL keeps one for its session,
/// so the replica is opened once however many commands run.
public final class CommandContext {
    /// Where the replica is, and whether first use may create it.
    private let location: ReplicaLocation
    /// The replica file's path.
    public var replicaPath: String { location.path }
    private var opened: Replica?
    private let textBlock: (() throws -> String)?
    let console: Console
    /// Where interactive questions (the `resolve` walk-through) get their answers:
    /// standard input, unless the REPL hands in its line editor.
    public var answers: any AnswerReader
    /// Whether this is the one command of a one-shot invocation, where Ctrl-C would end
    /// the process (see `InterruptSignal`); in the REPL it cancels the command instead.
    var isOneShot = false

    init(
        location: ReplicaLocation, textBlock: (() throws -> String)? = nil,
        console: Console = Console(), answers: (any AnswerReader)? = nil
    ) {
        self.location = location
        self.textBlock = textBlock
        self.console = console
        self.answers = answers ?? StandardInputAnswers(console: console)
    }

    /// A context for the options of one command line.
    static func make(options: GlobalOptions) -> CommandContext {
        session(db: options.db, colour: options.colour ?? .auto)
    }

    /// The context of a session on the replica `db` (nil: `$MARGINALIA_DB` or the default).
    ///
    /// `textBlock` reads text typed after a command, for `add TITLE` without a body: in the
    /// REPL and in scripts the lines that follow, up to a lone `.`. Without it, such a body
    /// comes from standard input when that is piped, as in one-shot use. `colour` is
    /// `--color`'s answer for human output.
    public static func session(
        db: String?, colour: ColourChoice = .auto, textBlock: (() throws -> String)? = nil
    ) -> CommandContext {
        let location = ReplicaLocation.resolve(explicit: db, environment: ProcessInfo.processInfo.environment)
        return CommandContext(
            location: location, textBlock: textBlock, console: Console(terminal: .standardOutput(colour: colour)))
    }

    /// Writes `text` (plain, one paragraph) as the session's own words, such as the REPL's
    /// banner and help: `indent` spaces before it, after `heading` (styled as a heading
    /// when colour is on); on a terminal wrapped between words, the continuation lines
    /// of an indented point indented two more, so that points stand apart; one line
    /// when piped.
    public func say(_ text: String, after heading: String = "", indent: Int = 0) {
        var styled = StyledText(heading, .heading)
        styled.append(text)
        let lead = StyledText(String(repeating: " ", count: indent))
        console.list([ListItem(lead: lead, styled, hang: indent > 0 ? indent + 2 : nil)], paged: false)
    }

    /// Whether the replica file is missing and only `init` may create it (`--db` names a
    /// file that does not exist).
    public var awaitsInit: Bool {
        opened == nil && !location.isCreatedOnFirstUse && !FileManager.default.fileExists(atPath: replicaPath)
    }

    /// The replica, created on first use unless `--db` named it (see `ReplicaLocation`).
    public func replica() throws -> Replica {
        if let opened { return opened }
        if awaitsInit { throw MissingReplica(path: replicaPath) }
        return try open(creation: .ifMissing(name: nil))
    }

    /// The replica, which must already exist unless it is the default one. For `serve`:
    /// a mistyped path in `sync ssh://HOST/PATH`, or a stale `$MARGINALIA_DB` on the far
    /// side, must fail, not answer from a new, empty replica.
    func existingReplica() throws -> Replica {
        if opened == nil && location.origin != .default && !FileManager.default.fileExists(atPath: replicaPath) {
            throw MissingReplica(path: replicaPath)
        }
        return try replica()
    }

    /// Opens the replica with an explicit creation policy (for `init`).
    func open(creation: Replica.Creation) throws -> Replica {
        if location.origin == .default {
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

    /// What a command reads for a file named `-`: the session's text block (as UTF-8),
    /// else standard input, read to its end as `cat -` reads it.
    func standardInputData() throws -> Data {
        if let textBlock { return Data(try textBlock().utf8) }
        return TextInput.standardInputBytes()
    }
}
