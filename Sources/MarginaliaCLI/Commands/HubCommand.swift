import ArgumentParser
import Foundation
import MarginaliaHub

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
        subcommands: [Init.self, Status.self])

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
            let database = try await postgres.database()
            let status: HubStatus
            do {
                status = try await HubLog.open(database).status()
            } catch {
                await database.close()
                throw error
            }
            await database.close()
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
            for (label, value) in rows {
                context.console.line(label.padding(toLength: 12, withPad: " ", startingAt: 0) + value)
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

    /// Connects (failing at once with the reason when PostgreSQL cannot be reached).
    func database() async throws -> HubDatabase {
        guard let text = postgres ?? ProcessInfo.processInfo.environment["MARGINALIA_HUB_POSTGRES"] else {
            throw UsageError("give the hub's database with --postgres URL (or $MARGINALIA_HUB_POSTGRES)")
        }
        return try await HubDatabase(url: try PostgresURL(text))
    }
}
