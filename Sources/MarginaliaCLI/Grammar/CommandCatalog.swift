import ArgumentParser
import Foundation

/// The command tree exactly as the argument parser knows it, read from the parser's own
/// description of the grammar (the JSON behind `--experimental-dump-help`). Completion,
/// help and "did you mean" follow the commands and options declared in `Commands/`,
/// with no second list to keep in step.
public struct CommandCatalog: Sendable {
    /// The root command, `marginalia`.
    public let root: GrammarCommand

    /// The grammar of `marginalia`.
    public static let grammar: CommandCatalog = {
        struct Document: Decodable { var command: GrammarCommand }
        do {
            return CommandCatalog(
                root: try JSONDecoder().decode(Document.self, from: Data(MarginaliaCommand._dumpHelp().utf8)).command)
        } catch {
            fatalError("the argument parser's description of the grammar cannot be read: \(error)")
        }
    }()

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
