/// The command tree as the command types declare it: names, aliases and subcommands
/// from each command's configuration, arguments from its `DescribedArguments` list.
/// Completion, help and "did you mean" follow the commands declared in `Commands/`;
/// built from types, it cannot fail when the program runs.
public struct CommandCatalog: Sendable {
    /// The root command, `marginalia`.
    public let root: GrammarCommand

    /// The grammar of `marginalia`, with the `help` command the argument parser adds.
    public static let grammar = CommandCatalog(
        root: GrammarCommand(
            MarginaliaCommand.self,
            extraSubcommands: [
                GrammarCommand(
                    commandName: "help", abstract: "Show subcommand help information.",
                    arguments: [.positional(.command, repeating: true), .flag("--version"), .flag("-h", "--help")])
            ]))

    /// The command `path` names (`["bundle", "create"]`), by name or alias; nil when none does.
    public func command(at path: [String]) -> GrammarCommand? {
        var command = root
        for name in path {
            guard let next = command.subcommand(named: name) else { return nil }
            command = next
        }
        return command
    }

    /// Refuses a command line whose first word is not a command, naming the nearest one.
    func checkCommandName(in arguments: [String]) throws {
        guard let word = root.firstCommandWord(in: arguments), root.subcommand(named: word) == nil else { return }
        let suggestion = EditDistance.nearest(to: word, among: root.subcommands.flatMap(\.names))
        throw UsageError("unknown command '\(word)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""))
    }
}
