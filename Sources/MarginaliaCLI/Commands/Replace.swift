import ArgumentParser
import MarginaliaStore

struct Replace: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace", abstract: "Replace a phrase of an article's body.",
        discussion: """
            The phrase must occur exactly once unless --all is given. Replacing annotated text says \
            so on standard error ("this edit removes 2 highlights").
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The article id (or a unique prefix).") var id: String
    @Argument(help: "The phrase to replace.") var old: String
    @Argument(help: "What to put instead.") var new: String
    @Flag(help: "Replace every occurrence.") var all = false

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let article = try replica.resolve(id, as: .article)
        let (count, removed) = try replica.edit { editor in
            try editor.countingRemovedHighlights(of: article.id) { editor in
                try editor.replace(in: article.id, phrase: old, with: new, all: all)
            }
        }
        context.console.line("replaced \(count) occurrence\(count == 1 ? "" : "s")")
        RemovedHighlightsNotice.show(removed, article: article.id)
    }
}
