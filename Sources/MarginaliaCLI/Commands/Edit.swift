import ArgumentParser
import MarginaliaStore

struct Edit: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change an article's title, body or source.",
        discussion: "Writing a field that is in conflict resolves the conflict with the new value.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The article id (or a unique prefix).") var id: String
    @Option(help: "The new title.") var title: String?
    @Option(help: ArgumentHelp("Read the new body from a UTF-8 file.", valueName: "path")) var bodyFile: String?
    @Option(help: "The new source URL; an empty string clears it.") var source: String?

    func validate() throws {
        if title == nil && bodyFile == nil && source == nil {
            throw ValidationError("nothing to edit: give --title, --body-file or --source")
        }
    }

    func run(in context: CommandContext) throws {
        let body = try bodyFile.map(TextInput.file)
        let replica = try context.replica()
        let article = try replica.resolve(id, as: .article)
        try replica.edit { editor in
            try editor.editArticle(article.id, title: title, body: body, source: source)
        }
    }
}
