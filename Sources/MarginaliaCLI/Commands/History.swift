import ArgumentParser
import MarginaliaStore

struct History: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every change to an article or annotation: who, when, and what it wrote.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix).") var id: String
    @Flag(help: "Show each change's fields as word diffs against the values before it, as 'git log -p' does (--json always gives whole values).")
    var patch = false
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [.positional(.entity), .flag("--patch")] + OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entries = try replica.history(of: replica.resolve(id).id)
        let printer = LogPrinter(console: context.console, json: output.json)
        if patch { return printer.printPatches(entries) }
        try printer.print(entries, showEntity: false)
    }
}
