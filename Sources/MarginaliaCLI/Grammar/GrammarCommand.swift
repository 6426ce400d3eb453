import ArgumentParser

/// One command of the grammar: its names, what it is for, its arguments and subcommands.
public struct GrammarCommand: Sendable {
    public let commandName: String
    public let aliases: [String]
    public let abstract: String
    public let subcommands: [GrammarCommand]
    public let arguments: [GrammarArgument]

    /// The command `type` declares: its configuration, its described arguments, and the
    /// `--version`, `-h` and `--help` flags the parser gives every command.
    init(_ type: any ParsableCommand.Type, extraSubcommands: [GrammarCommand] = []) {
        let configuration = type.configuration
        // Every command names itself (a test checks the names are the parser's).
        commandName = configuration.commandName ?? ""
        aliases = configuration.aliases
        abstract = configuration.abstract
        subcommands = configuration.subcommands.map { GrammarCommand($0) } + extraSubcommands
        arguments = ((type as? any DescribedArguments.Type)?.grammar ?? []) + [.flag("--version"), .flag("-h", "--help")]
    }

    init(commandName: String, abstract: String, arguments: [GrammarArgument]) {
        self.commandName = commandName
        aliases = []
        self.abstract = abstract
        subcommands = []
        self.arguments = arguments
    }

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
}
