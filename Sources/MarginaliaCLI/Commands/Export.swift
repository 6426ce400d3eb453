import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Export: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write an article with its annotations as Markdown or a standalone HTML page.",
        discussion: """
            md: the title, the text with a footnote marker [^N] after each highlighted span, \
            and the footnotes (quote, note, tags). html: one page readable without a server, \
            highlighted spans with the notes in a margin column (footnotes on a narrow screen).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html
    }

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The article id (or a unique prefix).") var article: String
    @Option(help: "The format.") var format: Format = .md
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    @Option(help: ArgumentHelp("The article's language, for the HTML page (a BCP 47 tag).", valueName: "tag"))
    var lang = "und"
    static let grammar: [GrammarArgument] = [
        .positional(.article), .option("--format", value: .choices(Format.allValueStrings)), .option("--output", value: .path),
        .option("--lang"),
    ]

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let annotated = AnnotatedArticle(try replica.articleDetail(try replica.resolve(article, as: .article).id))
        let text = switch format {
        case .md: MarkdownExport.render(annotated)
        case .html: HTMLExport.render(annotated, language: lang)
        }
        try OutputFile(path: output).write(text, console: context.console)
    }
}
