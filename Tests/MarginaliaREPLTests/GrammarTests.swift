import ArgumentParser
import Foundation
@testable import MarginaliaCLI
import Testing

/// The grammar completion and "did you mean" use is built from the command types; the
/// arguments each command describes (`DescribedArguments`) must be the ones the argument
/// parser knows, read here from its own description (the JSON of `--experimental-dump-help`).
@Suite("grammar")
struct GrammarTests {
    /// The parser's description of a command, as far as the grammar goes.
    struct Parsed: Decodable {
        struct Argument: Decodable {
            struct Name: Decodable {
                var kind: String
                var name: String
                var spelling: String { kind == "long" ? "--" + name : "-" + name }
            }

            var kind: String
            var names: [Name]?
            var isRepeating: Bool?
            var allValues: [String]?
        }

        var commandName: String
        var aliases: [String]?
        var subcommands: [Parsed]?
        var arguments: [Argument]?
    }

    static func parsed() throws -> Parsed {
        struct Document: Decodable { var command: Parsed }
        return try JSONDecoder().decode(Document.self, from: Data(MarginaliaCommand._dumpHelp().utf8)).command
    }

    /// Every command with its path, the parser's and the grammar's side by side.
    static func pairs(_ parsed: Parsed, _ described: GrammarCommand?, path: [String] = []) -> [(String, Parsed, GrammarCommand?)] {
        [(path.joined(separator: " "), parsed, described)] + (parsed.subcommands ?? []).flatMap { sub in
            pairs(sub, described?.subcommand(named: sub.commandName), path: path + [sub.commandName])
        }
    }

    /// One argument as both sides can say it: kind, spellings, repeating, fixed values.
    static func summary(_ argument: Parsed.Argument) -> String {
        "\(argument.kind) \((argument.names ?? []).map(\.spelling)) \(argument.isRepeating ?? false) \(argument.allValues ?? [])"
    }

    static func summary(_ argument: GrammarArgument) -> String {
        let values: [String] = if case .choices(let values) = argument.value { values } else { [] }
        return "\(argument.kind) \(argument.spellings) \(argument.isRepeating) \(values)"
    }

    @Test func everyCommandIsDescribedAsTheParserKnowsIt() throws {
        let pairs = Self.pairs(try Self.parsed(), CommandCatalog.grammar.root)
        #expect(pairs.count > 40)
        for (path, parsed, described) in pairs {
            let command = try #require(described, "'\(path)' is missing from the grammar")
            #expect(command.commandName == parsed.commandName, "\(path)")
            #expect(command.aliases == (parsed.aliases ?? []), "\(path)")
            #expect(command.subcommands.map(\.commandName) == (parsed.subcommands ?? []).map(\.commandName), "\(path)")
            // help's own flags are the parser's business (it adds a hidden -help).
            guard path != "help" else { continue }
            #expect(command.arguments.map(Self.summary) == (parsed.arguments ?? []).map(Self.summary), "\(path)")
        }
    }

    /// What completion needs of `help`: the names of the commands it explains.
    @Test func helpTakesCommandNames() throws {
        let help = try #require(CommandCatalog.grammar.command(at: ["help"]))
        #expect(help.positionals.map(\.value) == [.command] && help.positionals[0].isRepeating)
    }
}
