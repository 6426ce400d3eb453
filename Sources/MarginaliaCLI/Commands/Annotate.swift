import ArgumentParser
import MarginaliaStore

struct Annotate: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "annotate", abstract: "Highlight a span of an article, with an optional note and tags; prints the annotation's id.",
        discussion: """
            Choose the span by its text (--quote, with --occurrence N when it occurs several times) \
            or by Unicode-scalar offsets into the body (--range START-END, end exclusive). A quote \
            that does not occur as typed is looked for ignoring case, diacritics (đ too), dashes, \
            quotation marks and runs of spaces; the words found are stored, and named on standard \
            error. A quote that occurs nowhere is refused with the nearest places.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The article id (or a unique prefix).") var article: String
    @OptionGroup var span: AnchorTargetOptions
    @Option(help: "A note.") var note: String = ""
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []
    static let grammar: [GrammarArgument] = [.positional(.article)] + AnchorTargetOptions.grammar
        + [.option("--note"), .option("--tag", value: .tag, repeating: true)]

    func run(in context: CommandContext) throws {
        let tags = try TagArguments.parse(tags)
        let replica = try context.replica()
        let article = try replica.resolve(article, as: .article)
        let id = try replica.edit { editor in
            try editor.annotate(article.id, at: span.target, note: note, tags: tags)
        }
        try MatchedQuoteNotice.show(for: id, typed: span.quote, in: replica)
        context.console.line(id.rawValue)
    }
}
