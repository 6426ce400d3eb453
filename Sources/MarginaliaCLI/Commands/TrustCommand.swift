import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust", abstract: "Choose the peers this replica accepts, by their identity's fingerprint.",
        discussion: """
            The list is this replica's own: it is never synced. (It is what TLS sync will check; \
            sync does not use it yet.)
            """,
        subcommands: [Add.self, Remove.self, List.self])

    struct Add: ReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Trust a peer's fingerprint (as 'marginalia identity' prints it there).")

        @ParentCommand var root: MarginaliaCommand
        @Argument(help: ArgumentHelp("The peer's fingerprint; case, dashes and spaces do not matter.", valueName: "fingerprint"))
        var fingerprint: String
        @Option(help: ArgumentHelp("A name for it, for 'trust rm' and 'trust ls'.", valueName: "name")) var name: String?
        static let grammar: [GrammarArgument] = [.positional(.text), .option("--name")]

        func run(in context: CommandContext) throws {
            let parsed: Fingerprint
            do throws(Fingerprint.ParseError) {
                parsed = try Fingerprint(parsing: fingerprint)
            } catch {
                throw ReplicaError.invalidFingerprint(fingerprint, reason: error.description)
            }
            try context.replica().trust(parsed, name: name)
        }
    }

    struct Remove: ReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Stop trusting a peer, given by name or fingerprint.")

        @ParentCommand var root: MarginaliaCommand
        @Argument(help: ArgumentHelp("The trusted peer's name or fingerprint.", valueName: "trusted-peer")) var peer: String
        static let grammar: [GrammarArgument] = [.positional(.trustedPeer)]

        func run(in context: CommandContext) throws {
            _ = try context.replica().distrust(peer)
        }
    }

    struct List: ReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "ls", abstract: "List the trusted peers: fingerprint, name, and when they were trusted.")

        @ParentCommand var root: MarginaliaCommand
        @OptionGroup var output: OutputOptions
        static let grammar: [GrammarArgument] = OutputOptions.grammar

        func run(in context: CommandContext) throws {
            Self.show(try context.replica().trustedPeers(), in: context, json: output.json)
        }

        /// One line per peer, or one JSON object per peer: `trust ls` and `hub trust ls`.
        static func show(_ peers: [TrustedPeer], in context: CommandContext, json: Bool) {
            if json { return context.console.jsonLines(peers.map(TrustedPeerJSON.json)) }
            for peer in peers {
                context.console.line("\(peer.fingerprint)  \(peer.name ?? "(no name)")  trusted \(HumanFormat.time(peer.added))")
            }
        }
    }
}
