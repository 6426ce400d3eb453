import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Annotations: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "annotations", abstract: "List annotations, of one article or of all, with where they are now.",
        discussion: """
            Each annotation is placed again in the current body of its article: exact (where it \
            was made), moved (the same words elsewhere), fuzzy (the words with small edits), review \
            (a doubtful match to confirm) or orphaned (the words are gone). Fix review and orphaned \
            ones with reanchor.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article id (or a unique prefix).") var article: String?
    @Option(name: .customLong("article"), help: ArgumentHelp("The same: only this article's annotations.", valueName: "article"))
    var articleOption: String?
    @Option(help: "Only annotations whose placement has this status.") var status: AnchorStatus?
    @Flag(help: "The deleted annotations instead (the trash); 'restore' brings one back.") var deleted = false
    @Option(help: "Only annotations with this tag (case and diacritics ignored).") var tag: String?
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [
        .positional(.article), .option("--article", value: .article),
        .option("--status", value: .choices(AnchorStatus.allValueStrings)), .flag("--deleted"), .option("--tag", value: .tag),
    ] + OutputOptions.grammar

    func validate() throws {
        if article != nil, articleOption != nil { throw ValidationError("give the article once: as an argument or with --article") }
    }

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let article = try (article ?? articleOption).map { try replica.resolve($0, as: .article).id }
        let annotations = try replica.annotations(of: article, status: status, tagged: tag, deleted: deleted)
        if output.json { return context.console.jsonLines(annotations.map(AnnotationJSON.json)) }
        let renderer = ArticleRenderer(terminal: context.console.terminal)
        context.console.page(annotations.flatMap { renderer.lines($0, number: nil) })
    }
}

extension AnchorStatus: ExpressibleByArgument {}
