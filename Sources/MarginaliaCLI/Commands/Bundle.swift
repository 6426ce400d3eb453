import ArgumentParser
import MarginaliaCore
import MarginaliaStore
import MarginaliaSync
import MarginaliaTransport

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Carry changes by hand: write them to a file, apply them elsewhere.",
        subcommands: [Create.self, Apply.self])

    struct Create: AsyncReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Write the changes a peer lacks (everything when unknown) to a file.")

        @ParentCommand var root: MarginaliaCommand
        @Argument(help: "The bundle file to write.") var file: String
        @Option(
            name: .customLong("for"),
            help: "The replica it is for: a peer name, a replica id, or the name a replica synced with before goes by.")
        var peer: String?
        @OptionGroup var output: OutputOptions
        static let grammar: [GrammarArgument] = [.positional(.path), .option("--for", value: .syncPeer)] + OutputOptions.grammar

        func run(in context: CommandContext) async throws {
            let replica = try context.replica()
            let knowledge = try peer.map { try holdings(of: $0, in: replica) } ?? VersionVector()
            let summary = try await BundleFile.create(at: file, from: replica, for: knowledge)
            if output.json { return context.console.json(SyncSummaryJSON.json(summary)) }
            context.console.line("wrote \(summary.sent) change\(summary.sent == 1 ? "" : "s") to \(file)")
        }

        /// What `peer` (a peer name, replica id or replica name) is known to hold; nothing
        /// for a named peer never synced yet, so its bundle carries everything.
        private func holdings(of peer: String, in replica: Replica) throws -> VersionVector {
            let id: ReplicaID?
            if let named = try replica.peer(named: peer) {
                id = named.replica
            } else if let parsed = ReplicaIDText.parse(peer) {
                id = parsed
            } else {
                let known = try replica.replicas(named: peer)
                guard known.count <= 1 else {
                    let ids = known.map(\.rawValue).joined(separator: ", ")
                    throw UsageError("'\(peer)' is the name of \(known.count) replicas (\(ids)): give the id")
                }
                guard let only = known.first else { throw UsageError("no peer, replica id or replica name '\(peer)'") }
                id = only
            }
            return try id.flatMap { try replica.rememberedKnowledge(of: $0) } ?? VersionVector()
        }
    }

    struct Apply: AsyncReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(commandName: "apply", abstract: "Apply a bundle, with the same checks as a sync.")

        @ParentCommand var root: MarginaliaCommand
        @Argument(help: "The bundle file to read.") var file: String
        @OptionGroup var output: OutputOptions
        static let grammar: [GrammarArgument] = [.positional(.path)] + OutputOptions.grammar

        func run(in context: CommandContext) async throws {
            let summary = try await BundleFile.apply(at: file, to: try context.replica())
            SummaryPrinter(console: context.console, json: output.json).print(summary, line: \.bundleLine)
        }
    }
}
