import ArgumentParser
import MarginaliaStore

struct Log: ReplicaCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The latest changes, newest first.")

    @ParentCommand var root: MarginaliaCommand
    @Option(help: "How many changes to show.") var limit = 20
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run(in context: CommandContext) throws {
        try LogPrinter(console: context.console, json: output.json)
            .print(try context.replica().log(limit: limit), showEntity: true)
    }
}
