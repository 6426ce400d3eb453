import ArgumentParser
import Foundation
import MarginaliaStore
import MarginaliaSync
import MarginaliaTransport

struct PeerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peer", abstract: "Name the replicas you sync with.", subcommands: [Add.self, Remove.self])

    struct Add: ReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a named peer (or change its target); then `sync NAME`.")

        @ParentCommand var root: MarginaliaCommand
        @Argument(help: "The peer's name.") var name: String
        @Argument(help: "Its target: a file, exec:COMMAND, ssh://HOST/PATH or tls://HOST:PORT.") var target: String
        @Option(help: ArgumentHelp("The fingerprint a tls:// peer must present (pinned).", valueName: "fp"))
        var fingerprint: String?
        static let grammar: [GrammarArgument] = [
            .positional(.text), .positional(.syncTarget), .option("--fingerprint", value: .text),
        ]

        func validate() throws {
            if name.isEmpty || name.contains(":") || name.contains("/") {
                throw ValidationError("a peer name cannot be empty or contain ':' or '/'")
            }
            do {
                _ = try pinnedTarget()
            } catch let error as TransportError {
                throw ValidationError(error.description)
            }
        }

        /// The target, pinned to `--fingerprint` when given.
        private func pinnedTarget() throws -> SyncTarget {
            let target = try SyncTarget(target)
            guard let fingerprint else { return target }
            guard let pinned = target.pinning(try SyncTarget.fingerprint(fingerprint)) else {
                throw TransportError.badTarget("--fingerprint is for tls:// targets")
            }
            return pinned
        }

        /// A file target is stored as an absolute path: `sync NAME` must reach the same
        /// replica from whatever folder it is run in.
        func run(in context: CommandContext) throws {
            let stored = try pinnedTarget().resolvingFiles(
                against: FileManager.default.currentDirectoryPath)
            try context.replica().addPeer(name: name, target: stored.description)
        }
    }

    struct Remove: ReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Forget a named peer (what was learnt of its replica stays).")

        @ParentCommand var root: MarginaliaCommand
        @Argument(help: ArgumentHelp("The peer's name.", valueName: "peer")) var name: String
        static let grammar: [GrammarArgument] = [.positional(.syncPeer)]

        func run(in context: CommandContext) throws {
            try context.replica().removePeer(name: name)
        }
    }
}

struct Peers: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "peers", abstract: "List named peers: target, last sync, and their knowledge as last seen.")

    @ParentCommand var root: MarginaliaCommand
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let peers = try replica.peers()
        let status = try replica.status()
        let diverged = Dictionary(uniqueKeysWithValues: status.divergences.map { ($0.peer, $0) })
        if output.json {
            return context.console.jsonLines(peers.map { PeerJSON.json($0, diverged: $0.replica.flatMap { diverged[$0] }) })
        }
        let names = status.replicaNames
        for peer in peers {
            let synced = peer.lastSync.map { "last sync \(HumanFormat.time($0))" } ?? "never synced"
            let knowledge = peer.knowledge.map { vector in
                vector.sortedEntries.map { "\(HumanFormat.replica($0.replica, names: names)):\($0.counter)" }
                    .joined(separator: ", ")
            }
            context.console.line("\(peer.name)  \(peer.target)  \(synced)" + (knowledge.map { "  knows \($0)" } ?? ""))
        }
        // Every divergence, of named peers or not (a server's clients are not named).
        for divergence in status.divergences {
            context.console.line("diverged: " + Status.describe(divergence))
        }
    }
}
