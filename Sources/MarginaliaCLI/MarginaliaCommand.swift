import ArgumentParser

/// `marginalia`: the root of the command grammar.
public struct MarginaliaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "marginalia",
        abstract: "An offline-first store for articles and the annotations you make on them.",
        discussion: """
            Every machine holds a full replica in one SQLite file. Ids may be shortened to any \
            unique prefix of at least 4 characters.
            """,
        subcommands: [
            Init.self, Status.self, Add.self, Import.self, List.self, Show.self, Edit.self, Replace.self,
            Remove.self, TagCommand.self, Annotate.self, Note.self, Annotations.self, Search.self, History.self,
            Log.self, Verify.self, Sync.self, Serve.self, BundleCommand.self, PeerCommand.self, Peers.self,
            Conflicts.self, ConflictCommand.self, Resolve.self,
        ])

    @OptionGroup var global: GlobalOptions

    public init() {}

    public func run() throws {
        let context = CommandContext.make(options: global)
        try Status.report(in: context, json: false)
        context.console.line()
        context.console.line("Run 'marginalia help' for the list of commands.")
    }
}
