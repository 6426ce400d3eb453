import ArgumentParser
import MarginaliaStore

struct Init: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a replica (the default replica is also created on first use).")

    @ParentCommand var root: MarginaliaCommand
    @Option(help: "The replica's human name (default: the host name).") var name: String?
    static let grammar: [GrammarArgument] = [.option("--name")]

    func run(in context: CommandContext) throws {
        let replica = try context.open(creation: .required(name: name))
        context.console.line("Created replica \(try replica.name()) (id \(replica.id)) in \(replica.path)")
    }
}
