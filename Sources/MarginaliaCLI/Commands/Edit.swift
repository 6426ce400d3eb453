import ArgumentParser
import Foundation
import MarginaliaStore

struct Edit: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change an article's title, body or source.",
        discussion: """
            Writing a field that is in conflict resolves the conflict with the new value. --body \
            opens the current body in $VISUAL or $EDITOR and saves what you leave there. A new body \
            that removes annotated text says so on standard error ("this edit removes 2 highlights").
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The article id (or a unique prefix).") var id: String
    @Option(help: "The new title.") var title: String?
    @Flag(help: "Edit the body in $VISUAL or $EDITOR.") var body = false
    @Option(help: ArgumentHelp("Read the new body from a UTF-8 file.", valueName: "path")) var bodyFile: String?
    @Option(help: "The new source URL; an empty string clears it.") var source: String?
    static let grammar: [GrammarArgument] = [
        .positional(.entity), .option("--title"), .flag("--body"), .option("--body-file", value: .path), .option("--source"),
    ]

    func validate() throws {
        if title == nil && !body && bodyFile == nil && source == nil {
            throw ValidationError("nothing to edit: give --title, --body, --body-file or --source")
        }
        if body && bodyFile != nil { throw ValidationError("give --body or --body-file, not both") }
    }

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let article = try replica.resolve(id, as: .article)
        let newBody: String? =
            if body {
                try Self.editor().edit(try replica.articleDetail(article.id).article.body)
            } else {
                try bodyFile.map(TextInput.file)
            }
        let removed = try replica.edit { editor in
            try editor.countingRemovedHighlights(of: article.id) { editor in
                try editor.editArticle(article.id, title: title, body: newBody, source: source)
            }.removed
        }
        RemovedHighlightsNotice.show(removed, article: article.id)
    }

    private static func editor() throws -> ExternalEditor {
        guard let editor = ExternalEditor.fromEnvironment() else {
            throw UsageError("--body needs $VISUAL or $EDITOR to name an editor (or give --body-file PATH)")
        }
        return editor
    }
}
