/// `marginalia` given no command: run a session (the REPL, or a script) with these options.
public struct SessionRequest: Sendable, Equatable {
    /// The replica every command of the session runs against (`--db`), else the default.
    public var db: String?
    /// Stop a script at the first failing command, exiting with its status (`--bail`).
    public var bail: Bool
    /// Commands given with `-c`, instead of reading them from standard input.
    public var commands: String?

    public init(db: String? = nil, bail: Bool = false, commands: String? = nil) {
        self.db = db
        self.bail = bail
        self.commands = commands
    }
}
