/// One command of the grammar: its names, what it is for, its arguments and subcommands.
public struct GrammarCommand: Decodable, Sendable {
    public let commandName: String
    public let aliases: [String]
    public let abstract: String
    public let subcommands: [GrammarCommand]
    public let arguments: [GrammarArgument]

    /// The name and the aliases.
    public var names: [String] { [commandName] + aliases }

    /// The options and flags, as typed (`--json`, `-h`).
    public var optionSpellings: [String] {
        arguments.filter { $0.kind != .positional }.flatMap(\.spellings)
    }

    /// The positional arguments, in order.
    public var positionals: [GrammarArgument] { arguments.filter { $0.kind == .positional } }

    /// The option or flag spelled `word` (an `--option=value` counts by its name).
    public func option(spelled word: String) -> GrammarArgument? {
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        return arguments.first { $0.kind != .positional && $0.spellings.contains(name) }
    }

    public func subcommand(named name: String) -> GrammarCommand? {
        subcommands.first { $0.names.contains(name) }
    }

    /// The first word of `arguments` that is neither an option of this command nor
    /// an option's value: where a subcommand's name is expected. Nil when there is none,
    /// or when an option this description does not list comes first (the parser's own,
    /// such as `--generate-completion-script SHELL`): then the parser judges.
    func firstCommandWord(in arguments: [String]) -> String? {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            guard word.hasPrefix("-"), word != "-" else { return word }
            guard let option = option(spelled: word) else { return nil }
            if option.kind == .option, !word.contains("=") { index += 1 }
            index += 1
        }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case commandName, aliases, abstract, subcommands, arguments }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commandName = try container.decode(String.self, forKey: .commandName)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        abstract = try container.decodeIfPresent(String.self, forKey: .abstract) ?? ""
        subcommands = try container.decodeIfPresent([GrammarCommand].self, forKey: .subcommands) ?? []
        arguments = try container.decodeIfPresent([GrammarArgument].self, forKey: .arguments) ?? []
    }
}
