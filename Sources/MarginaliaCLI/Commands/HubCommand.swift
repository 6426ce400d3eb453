import ArgumentParser
import Foundation
import MarginaliaCore
import MarginaliaHub
import MarginaliaStore
import MarginaliaTransport

/// `marginalia hub …`: a hub, a peer whose change log lives in PostgreSQL so that several
/// hub processes on one database serve teams and many devices (Protocol/README.md §20).
struct HubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub", abstract: "Run a hub: a peer whose change log lives in PostgreSQL.",
        discussion: """
            A hub is one peer however many hub processes serve it: its id, name, identity and \
            log are in the database. Create it once with 'hub init', then start any number of \
            hub processes on the same database.
            """,
        subcommands: [Serve.self, Init.self, Status.self, Trust.self], defaultSubcommand: Serve.self)

    struct Serve: AsyncReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "serve", abstract: "Serve the hub to TLS clients (what 'hub --postgres URL --listen PORT' runs).",
            discussion: """
                Binds the loopback interface unless given a host (0.0.0.0 for every interface), and \
                serves until Ctrl-C or SIGTERM. Clients are admitted by their fingerprint ('hub trust add').
                """)

        @ParentCommand var root: MarginaliaCommand
        @OptionGroup var postgres: PostgresOption
        @Option(help: ArgumentHelp("Listen for TCP clients.", valueName: "[host:]port")) var listen: String
        @Option(help: "Seconds a client may take to authenticate.") var handshakeTimeout = 10
        @Option(help: "Seconds a client may stay silent.") var idleTimeout = 60
        static let grammar: [GrammarArgument] = PostgresOption.grammar + [
            .option("--listen"), .option("--handshake-timeout"), .option("--idle-timeout"),
        ]

        func validate() throws {
            if TCPAddress(listen) == nil { throw ValidationError("'\(listen)' is not [host:]port") }
        }

        func run(in context: CommandContext) async throws {
            guard let address = TCPAddress(listen) else { return }
            // Losing PostgreSQL and getting it back, in the server's log with its sessions.
            let database = try await postgres.database(log: { StandardError.line($0) })
            do {
                let hub = try await HubLog.open(database)
                var options = TCPServer.Options()
                options.handshakeTimeout = .seconds(Int64(handshakeTimeout))
                options.idleTimeout = .seconds(Int64(idleTimeout))
                let server = try await TCPServer(
                    store: hub, security: .tls(token: nil), options: options, log: { StandardError.line($0) })
                let name = try await hub.name()
                try await server.run(
                    on: address, onReady: { StandardError.line("serving hub \(name) (id \(hub.id)) on \($0)") },
                    until: { await ShutdownSignal.wait() })
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            StandardError.line("stopped")
        }
    }

    struct Init: AsyncReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "Create the hub's schema and identity in a database, or upgrade its schema.")

        @ParentCommand var root: MarginaliaCommand
        @OptionGroup var postgres: PostgresOption
        @Option(help: ArgumentHelp("The hub's name, shown to its peers.", valueName: "name")) var name = "hub"
        static let grammar: [GrammarArgument] = PostgresOption.grammar + [.option("--name")]

        func run(in context: CommandContext) async throws {
            let database = try await postgres.database()
            do {
                let created = try await HubLog.initialize(on: database, name: name, now: Date())
                let hub = try await HubLog.open(database)
                context.console.line(
                    (created ? "created hub " : "hub ") + "\(try await hub.name()) (id \(hub.id)) on \(database.url)"
                        + (created ? "" : ", schema up to date"))
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }

    struct Status: AsyncReplicaCommand, DescribedArguments {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: "Show the hub's id, name, identity, counts, digest and knowledge.")

        @ParentCommand var root: MarginaliaCommand
        @OptionGroup var postgres: PostgresOption
        @OptionGroup var output: OutputOptions
        static let grammar: [GrammarArgument] = PostgresOption.grammar + OutputOptions.grammar

        func run(in context: CommandContext) async throws {
            let status = try await postgres.withHub { hub in try await hub.status() }
            if output.json { return context.console.json(HubStatusJSON.json(status)) }
            let knowledge = status.knowledge.sortedEntries.map { "\($0.replica):\($0.counter)" }
            let rows: [(String, String)] = [
                ("hub", "\(status.name) (id \(status.id))"),
                ("identity", status.fingerprint.description),
                ("database", "\(status.database) (schema \(status.schemaVersion))"),
                ("changes", "\(status.changes) from \(status.origins) replicas"),
                ("digest", status.logDigest.description),
                ("knowledge", knowledge.isEmpty ? "(empty)" : knowledge.joined(separator: ", ")),
            ]
            context.console.fields(rows)
        }
    }
}

extension HubCommand {
    /// `hub trust add|rm|ls`: the peers every hub process on the database admits.
    struct Trust: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trust", abstract: "Choose the peers the hub accepts, by their identity's fingerprint.",
            subcommands: [Add.self, Remove.self, List.self])

        struct Add: AsyncReplicaCommand, DescribedArguments {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: "Trust a peer's fingerprint (as 'marginalia identity' prints it there).")

            @ParentCommand var root: MarginaliaCommand
            @OptionGroup var postgres: PostgresOption
            @Argument(help: ArgumentHelp("The peer's fingerprint; case, dashes and spaces do not matter.", valueName: "fingerprint"))
            var fingerprint: String
            @Option(help: ArgumentHelp("A name for it, for 'hub trust rm' and 'hub trust ls'.", valueName: "name")) var name: String?
            static let grammar: [GrammarArgument] = PostgresOption.grammar + [.positional(.text), .option("--name")]

            func run(in context: CommandContext) async throws {
                let parsed: Fingerprint
                do throws(Fingerprint.ParseError) {
                    parsed = try Fingerprint(parsing: fingerprint)
                } catch {
                    throw ReplicaError.invalidFingerprint(fingerprint, reason: error.description)
                }
                try await postgres.withHub { hub in try await hub.trust(parsed, name: name) }
            }
        }

        struct Remove: AsyncReplicaCommand, DescribedArguments {
            static let configuration = CommandConfiguration(
                commandName: "rm", abstract: "Stop trusting a peer, given by name or fingerprint.")

            @ParentCommand var root: MarginaliaCommand
            @OptionGroup var postgres: PostgresOption
            @Argument(help: ArgumentHelp("The trusted peer's name or fingerprint.", valueName: "trusted-peer")) var peer: String
            static let grammar: [GrammarArgument] = PostgresOption.grammar + [.positional(.text)]

            func run(in context: CommandContext) async throws {
                _ = try await postgres.withHub { hub in try await hub.distrust(peer) }
            }
        }

        struct List: AsyncReplicaCommand, DescribedArguments {
            static let configuration = CommandConfiguration(
                commandName: "ls", abstract: "List the peers the hub trusts: fingerprint, name, and when they were trusted.")

            @ParentCommand var root: MarginaliaCommand
            @OptionGroup var postgres: PostgresOption
            @OptionGroup var output: OutputOptions
            static let grammar: [GrammarArgument] = PostgresOption.grammar + OutputOptions.grammar

            func run(in context: CommandContext) async throws {
                let peers = try await postgres.withHub { hub in try await hub.trustedPeers() }
                TrustCommand.List.show(peers, in: context, json: output.json)
            }
        }
    }
}

/// `--postgres URL`, or `$MARGINALIA_HUB_POSTGRES`: the hub's database.
struct PostgresOption: DescribedArguments {
    @Option(help: ArgumentHelp(
        "The hub's database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (else $MARGINALIA_HUB_POSTGRES).",
        valueName: "url"))
    var postgres: String?
    static let grammar: [GrammarArgument] = [.option("--postgres")]

    /// Connects (failing at once with the reason when PostgreSQL cannot be reached);
    /// `log` hears when the server is lost and back.
    func database(log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> HubDatabase {
        guard let text = postgres ?? ProcessInfo.processInfo.environment["MARGINALIA_HUB_POSTGRES"] else {
            throw UsageError("give the hub's database with --postgres URL (or $MARGINALIA_HUB_POSTGRES)")
        }
        return try await HubDatabase(url: try PostgresURL(text), log: log)
    }

    /// Runs `body` on the hub in the database, closing the connections after.
    func withHub<Result: Sendable>(_ body: (HubLog) async throws -> Result) async throws -> Result {
        let database = try await database()
        do {
            let result = try await body(try await HubLog.open(database))
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }
}
