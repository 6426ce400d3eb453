import ArgumentParser
import MarginaliaStore

struct History: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every change to an article or annotation: who, when, and what it wrote.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix).") var id: String
    @OptionGroup var output: OutputOptions

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entries = try replica.history(of: replica.resolve(id).id)
        try LogPrinter(console: context.console, json: output.json).print(entries, showEntity: false)
    }
}
