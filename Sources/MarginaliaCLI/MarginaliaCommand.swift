import ArgumentParser

/// `marginalia`: the root of the command grammar.
public struct MarginaliaCommand: ParsableCommand, DescribedArguments {
    public static let configuration = CommandConfiguration(
        commandName: "marginalia",
        abstract: "An offline-first store for articles and the annotations you make on them.",
        discussion: """
            Every machine holds a full replica in one SQLite file. Ids may be shortened to any \
            unique prefix of at least 4 characters. Without a command, marginalia starts the REPL \
            when standard input is a terminal, and otherwise runs the commands it reads there \
            as a script (one or more per line, separated by ';'; '#' starts a comment).
            """,
        version: "marginalia \(Version.current)",
        subcommands: [
            Init.self, Status.self, Add.self, Import.self, List.self, Show.self, Edit.self, Replace.self,
            Remove.self, Restore.self, TagCommand.self, Tags.self, Annotate.self, Note.self, Reanchor.self, Annotations.self,
            Search.self,
            History.self,
            Log.self, Verify.self, Sync.self, Serve.self, TokenCommand.self, BundleCommand.self, PeerCommand.self, Peers.self,
            IdentityCommand.self, TrustCommand.self, HubCommand.self,
            Conflicts.self, ConflictCommand.self, Resolve.self,
            Export.self, ExportAnnotations.self, ImportAnnotations.self, Version.self,
        ])

    @OptionGroup var global: GlobalOptions
    @Flag(help: "In a script, stop at the first command that fails and exit with its status.")
    var bail = false
    @Option(name: .customShort("c"), help: ArgumentHelp(
        "Run these commands (separated by ';') instead of reading standard input.", valueName: "commands"))
    var commands: String?
    static let grammar: [GrammarArgument] = GlobalOptions.grammar + [.flag("--bail"), .option("-c")]

    public init() {}

    /// What the options ask of a session, when no command is given.
    var sessionRequest: SessionRequest {
        SessionRequest(db: global.db, bail: bail, commands: commands, colour: global.colour ?? .auto)
    }
}
