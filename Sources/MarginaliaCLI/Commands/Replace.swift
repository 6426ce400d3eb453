import ArgumentParser
import MarginaliaStore

struct Replace: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "replace", abstract: "Replace a phrase of an article's body.",
        discussion: """
            The phrase must occur exactly once unless --all or --occurrence N is given. A phrase \
            that does not occur as typed is looked for as annotate looks for a quote (ignoring case, \
            diacritics, dashes, quotation marks and runs of spaces), and the words found are named \
            on standard error. Replacing annotated text says so on standard error ("this edit \
            removes 2 highlights").
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The article id (or a unique prefix).") var id: String
    @Argument(help: "The phrase to replace.") var old: String
    @Argument(help: "What to put instead.") var new: String
    @Flag(help: "Replace every occurrence.") var all = false
    @Option(help: "Which occurrence to replace (from 1).") var occurrence: Int?
    static let grammar: [GrammarArgument] = [.positional(.entity), .positional(.text), .positional(.text), .flag("--all"), .option("--occurrence")]

    func validate() throws {
        if all && occurrence != nil { throw ValidationError("give --all or --occurrence, not both") }
    }

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let article = try replica.resolve(id, as: .article)
        let (replaced, removed) = try replica.edit { editor in
            try editor.countingRemovedHighlights(of: article.id) { editor in
                try editor.replace(in: article.id, phrase: old, with: new, all: all, occurrence: occurrence)
            }
        }
        MatchedQuoteNotice.show(replaced, for: old)
        context.console.line("replaced \(replaced.count) occurrence\(replaced.count == 1 ? "" : "s")")
        RemovedHighlightsNotice.show(removed, article: article.id)
    }
}
