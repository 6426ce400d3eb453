/// `marginalia` given no command: run a session (the REPL, or a script) with these options.
public struct SessionRequest: Sendable, Equatable {
    /// The replica every command of the session runs against (`--db`), else the default.
    public var db: String?
    /// Stop a script at the first failing command, exiting with its status (`--bail`).
    public var bail: Bool
    /// Commands given with `-c`, instead of reading them from standard input.
    public var commands: String?
    /// Whether to colour (`--color`), for every command and the REPL's prompt.
    public var colour: ColourChoice

    public init(db: String? = nil, bail: Bool = false, commands: String? = nil, colour: ColourChoice = .auto) {
        self.db = db
        self.bail = bail
        self.commands = commands
        self.colour = colour
    }
}
