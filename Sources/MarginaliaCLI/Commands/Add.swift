import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Add: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an article; prints its id.",
        discussion: """
            The body comes from --body, --file, or standard input when it is piped. In the REPL \
            and in scripts, the lines after the command up to a lone '.' are the body.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The title.") var title: String
    @Option(help: "The body text.") var body: String?
    @Option(help: ArgumentHelp("Read the body from a UTF-8 file.", valueName: "path")) var file: String?
    @Option(help: "Where the article comes from (a URL).") var source: String?
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    static let grammar: [GrammarArgument] = [
        .positional(.text), .option("--body"), .option("--file", value: .path), .option("--source"),
        .option("--tag", value: .tag, repeating: true),
    ]

    func validate() throws {
        if body != nil && file != nil { throw ValidationError("give the body with --body or --file, not both") }
    }

    func run(in context: CommandContext) throws {
        let text = if let body { body } else if let file { try TextInput.file(file) } else { try context.untypedText() }
        let tags = try TagArguments.parse(tags)
        let id = try context.replica().edit { editor in
            try editor.addArticle(title: title, body: text, source: source, tags: tags)
        }
        context.console.line(id.rawValue)
    }
}
