import ArgumentParser
import Foundation
import MarginaliaStore
import MarginaliaPipes
import MarginaliaSync
import MarginaliaTransport

struct Serve: AsyncReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Answer syncs: over standard input and output, or on a TLS port.",
        discussion: """
            --stdio answers one sync on standard input and output (what `sync ssh://` and \
            `sync exec:` start). --listen serves TLS clients until Ctrl-C or SIGTERM; it binds the \
            loopback interface unless given a host (0.0.0.0 for every interface). It serves the \
            replicas it trusts (`trust add`); with --token-file, a shared secret, a client that \
            proves it is paired: trusted from then on. --insecure serves plaintext to loopback \
            clients that prove the token, for tests only.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Flag(help: "Answer one sync on standard input and output.") var stdio = false
    @Option(help: ArgumentHelp("Listen for TCP clients.", valueName: "[host:]port")) var listen: String?
    @Option(help: ArgumentHelp("The shared secret that pairs new clients (mode 600).", valueName: "path"))
    var tokenFile: String?
    @Flag(help: "Plaintext on loopback, admitted by --token-file alone (tests only).") var insecure = false
    @Option(help: "Seconds a client may take to authenticate.") var handshakeTimeout = 10
    @Option(help: "Seconds a client may stay silent.") var idleTimeout = 60
    static let grammar: [GrammarArgument] = [
        .flag("--stdio"), .option("--listen"), .option("--token-file", value: .path), .flag("--insecure"),
        .option("--handshake-timeout"), .option("--idle-timeout"),
    ]

    func validate() throws {
        guard stdio != (listen != nil) else { throw ValidationError("give exactly one of --stdio and --listen") }
        if let listen, TCPAddress(listen) == nil { throw ValidationError("'\(listen)' is not [host:]port") }
        if insecure {
            guard let listen, let address = TCPAddress(listen), tokenFile != nil else {
                throw ValidationError("--insecure needs --listen and --token-file")
            }
            do {
                try address.requireLoopback(for: "--insecure")
            } catch let error as TransportError {
                throw ValidationError(error.description)
            }
        }
    }

    func run(in context: CommandContext) async throws {
        let replica = try context.existingReplica()
        if stdio {
            let transport = FileDescriptorTransport(input: STDIN_FILENO, output: STDOUT_FILENO)
            do {
                _ = try await SyncSession(store: replica, transport: transport).run(as: .responder)
            } catch SyncFailure.refused(let error) where error.code == .diverged {
                // Recorded here; the initiator says it in one line of its own, and this
                // standard error is usually the same terminal (`sync PATH`, exec:, ssh).
                throw ExitCode(ExitStatus.dataError.rawValue)
            }
            return
        }
        guard let listen, let address = TCPAddress(listen) else { return }
        let token = try tokenFile.map(TokenFile.authenticator(at:))
        var options = TCPServer.Options()
        options.handshakeTimeout = .seconds(Int64(handshakeTimeout))
        options.idleTimeout = .seconds(Int64(idleTimeout))
        let security: TCPSecurity = if insecure, let token { .plaintext(token: token) } else { .tls(token: token) }
        let server = try await TCPServer(store: replica, security: security, options: options, log: { StandardError.line($0) })
        try await server.run(
            on: address, onReady: { StandardError.line("serving \(replica.path) on \($0)") },
            until: { await ShutdownSignal.wait() })
        StandardError.line("stopped")
    }
}
