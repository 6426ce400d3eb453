import ArgumentParser
import MarginaliaStore

struct IdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity", abstract: "Show or renew the identity peers will know this replica by.",
        subcommands: [Show.self, Rotate.self], defaultSubcommand: Show.self)

    struct Show: ReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print this replica's fingerprint, for peers to trust.",
            discussion: """
                The SHA-256 of the public key of the replica's self-signed certificate, in 7 groups \
                of 8 characters; on the other replica, 'marginalia trust add' it. The private key \
                stays in the replica file (mode 600) and is never synced or shown; a copy of the file \
                on another machine is the same replica, with the same identity.
                """)

        @ParentCommand var root: MarginaliaCommand
        @OptionGroup var output: OutputOptions
        static let grammar: [GrammarArgument] = OutputOptions.grammar

        func run(in context: CommandContext) throws {
            let identity = try context.replica().identityInfo()
            if output.json { return context.console.json(IdentityJSON.json(identity)) }
            context.console.line(identity.fingerprint.description)
        }
    }

    struct Rotate: ReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "rotate", abstract: "Make a new key pair and certificate; peers must trust the new fingerprint.")

        @ParentCommand var root: MarginaliaCommand
        @OptionGroup var output: OutputOptions
        static let grammar: [GrammarArgument] = OutputOptions.grammar

        func run(in context: CommandContext) throws {
            let replica = try context.replica()
            let old = try replica.identityInfo().fingerprint
            let identity = try replica.rotateIdentity()
            if output.json { return context.console.json(IdentityJSON.json(identity, replacing: old)) }
            context.console.line("new identity \(identity.fingerprint) (was \(old))")
            context.console.line(
                "Peers that trusted the old one no longer accept this replica: on each, "
                    + "'marginalia trust add \(identity.fingerprint)'.")
        }
    }
}
