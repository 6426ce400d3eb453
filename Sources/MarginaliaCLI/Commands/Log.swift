import ArgumentParser
import MarginaliaStore

struct Log: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The latest changes, newest first.")

    @ParentCommand var root: MarginaliaCommand
    @Option(help: "How many changes to show.") var limit = 20
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [.option("--limit")] + OutputOptions.grammar

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run(in context: CommandContext) throws {
        try LogPrinter(console: context.console, json: output.json)
            .print(try context.replica().log(limit: limit), showEntity: true)
    }
}
