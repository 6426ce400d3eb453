import ArgumentParser
import Foundation
import MarginaliaStore
import MarginaliaSync
import MarginaliaTransport

struct Sync: AsyncReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Exchange changes with another replica until both hold the same.",
        discussion: """
            TARGET is a replica file on this machine, exec:COMMAND (a command speaking the \
            protocol on its standard input and output), ssh://HOST/PATH (runs `marginalia --db \
            PATH serve --stdio` over ssh), tls://HOST:PORT (tcp:// means the same), or the name of a \
            peer added with `peer add`. Over TLS the server must present the fingerprint pinned \
            with --fingerprint (or `peer add --fingerprint`) or one this replica trusts; else \
            --token-file pairs the two replicas once, by the shared secret.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "Where to sync with.") var target: String
    @Option(help: ArgumentHelp("The shared secret that pairs with a tls:// server (mode 600).", valueName: "path"))
    var tokenFile: String?
    @Option(help: ArgumentHelp("The fingerprint the tls:// server must present.", valueName: "fp")) var fingerprint: String?
    @Flag(help: "Plaintext to a loopback server run with --insecure (tests only).") var insecure = false
    @Flag(help: "First compare digests of ranges of the changes both hold, to name those that differ if the sync ends 'diverged'.")
    var findDivergence = false
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [
        .positional(.syncTarget), .option("--token-file", value: .path), .option("--fingerprint"), .flag("--insecure"),
        .flag("--find-divergence"),
    ] + OutputOptions.grammar

    func run(in context: CommandContext) async throws {
        let replica = try context.replica()
        let peer = try Self.namedPeer(target, in: replica)
        var target = try SyncTarget(peer?.target ?? self.target)
        if let fingerprint {
            guard let pinned = target.pinning(try SyncTarget.fingerprint(fingerprint)) else {
                throw TransportError.badTarget("--fingerprint is for tls:// targets")
            }
            target = pinned
        }
        let progress = ProgressLine.forStandardError()
        let environment = SyncRunner.Environment(tokenFile: tokenFile, insecure: insecure)
        let run = Handoff(value: {
            try await SyncRunner.sync(
                replica, with: target, environment: environment, findingDivergence: findDivergence, progress: progress?.update)
        })
        let summary: SyncSummary
        do {
            summary = try await context.isOneShot ? InterruptSignal.cancelling(run) : run.value()
        } catch {
            // Ends the progress line, so that the error (`interrupted`) gets a line of its own.
            progress?.finish()
            throw error
        }
        progress?.finish()
        if let peer, let id = ReplicaIDText.parse(summary.peer) { try replica.markSynced(peer: peer.name, replica: id) }
        SummaryPrinter(console: context.console, json: output.json).print(summary)
    }

    /// The peer named `text`, unless `text` is a URL-like target.
    static func namedPeer(_ text: String, in replica: Replica) throws -> Peer? {
        guard !text.contains(":"), !text.contains("/") else { return nil }
        return try replica.peer(named: text)
    }
}
