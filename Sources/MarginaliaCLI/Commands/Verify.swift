import ArgumentParser
import MarginaliaStore

struct Verify: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the replica: SQLite integrity, and derived tables identical to a replay of the log.")

    @ParentCommand var root: MarginaliaCommand
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let report = try context.replica().verify()
        if output.json {
            context.console.json(VerificationJSON.json(report))
        } else if report.isConsistent {
            context.console.line("ok: \(report.changesReplayed) changes replayed, \(report.rowsCompared) rows identical")
        } else {
            for problem in report.problems { context.console.line("problem: \(problem)") }
        }
        if !report.isConsistent { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
