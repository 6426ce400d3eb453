import ArgumentParser
import MarginaliaCore
import MarginaliaStore
import MarginaliaSync

struct Status: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the replica's id, name, identity, counts, open conflicts and knowledge.")

    @ParentCommand var root: MarginaliaCommand
    @Flag(help: "Print only the SHA-256 digest of the merged state: equal on replicas that have seen the same changes.")
    var digest = false
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [.flag("--digest")] + OutputOptions.grammar

    func run(in context: CommandContext) throws {
        if digest { return context.console.line(try StateDigest.of(context.replica())) }
        try Self.report(in: context, json: output.json)
    }

    static func report(in context: CommandContext, json: Bool) throws {
        let status = try context.replica().status()
        if json { return context.console.json(StatusJSON.json(status)) }
        let knowledge = status.knowledge.sortedEntries
            .map { "\(HumanFormat.replica($0.replica, names: status.replicaNames)):\($0.counter)" }
        let rows: [(String, String)] = [
            ("replica", "\(status.info.name) (id \(status.info.id))"),
            ("identity", status.identity.fingerprint.description),
            ("file", status.path),
            ("articles", "\(status.articles)"),
            ("annotations", "\(status.annotations)"),
            ("changes", "\(status.changes)"),
            ("conflicts", "\(status.openConflicts)"),
            ("knowledge", knowledge.isEmpty ? "(empty)" : knowledge.joined(separator: ", ")),
        ] + status.divergences.map { ("diverged", Self.describe($0)) }
        context.console.fields(rows)
    }

    /// `office (q4m8…) holds changes with other content (found …); …`: what `status` and
    /// `peers` say of a peer that diverged, and how to find the changes.
    static func describe(_ divergence: Divergence) -> String {
        let peer = divergence.peerName.map { "\($0) (\(divergence.peer))" } ?? divergence.peer.rawValue
        return "\(peer) holds the same changes with other content "
            + "(found \(HumanFormat.time(divergence.found))); 'sync --find-divergence' names them"
    }
}
