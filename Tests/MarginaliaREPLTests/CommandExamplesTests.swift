import ArgumentParser
@testable import MarginaliaCLI
import MarginaliaREPL
import Testing

/// The examples every command's help ends with: two or more for each command, and each
/// one a command line the grammar accepts, so they cannot rot as options change.
@Suite("command examples")
struct CommandExamplesTests {
    /// Every command that runs something: the leaves of the grammar.
    static let commands: [String] = {
        func leaves(_ command: GrammarCommand, path: [String]) -> [String] {
            command.subcommands.isEmpty
                ? [path.joined(separator: " ")]
                : command.subcommands.flatMap { leaves($0, path: path + [$0.commandName]) }
        }
        return CommandCatalog.grammar.root.subcommands.filter { $0.commandName != "help" }
            .flatMap { leaves($0, path: [$0.commandName]) }
    }()

    @Test func everyCommandHasTwoExamplesOrMore() {
        for command in Self.commands {
            #expect((CommandExamples.byCommand[command]?.count ?? 0) >= 2, "\(command)")
        }
        #expect(Set(CommandExamples.byCommand.keys).subtracting(Self.commands).subtracting(["ls"]).isEmpty)
    }

    @Test(arguments: CommandExamples.byCommand.values.flatMap { $0 })
    func everyExampleParses(example: String) throws {
        // A remark follows two spaces and a parenthesis.
        let line = example.components(separatedBy: "  (")[0]
        let words = try #require(try ShellWords.commands(in: line).first)
        do {
            _ = try MarginaliaCommand.parseAsRoot(words)
        } catch {
            // `--version` parses to the version it prints.
            #expect(MarginaliaCommand.exitCode(for: error) == .success, "\(example): \(MarginaliaCommand.message(for: error))")
        }
    }

    @Test func theExamplesFollowTheHelpTheArgumentsAskFor() {
        #expect(CommandExamples.examples(forHelpWith: ["annotate", "--help"])?.first?.hasPrefix("annotate e8gv") == true)
        #expect(CommandExamples.examples(forHelpWith: ["help", "peer", "add"])?.contains { $0.contains("peer add office") } == true)
        #expect(CommandExamples.examples(forHelpWith: ["--db", "x.db", "rm", "-h"])?.contains { $0.contains("rm jdx1") } == true)
        #expect(CommandExamples.examples(forHelpWith: ["help"]) == nil)
    }
}
