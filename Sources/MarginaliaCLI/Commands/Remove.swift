import ArgumentParser
import MarginaliaStore

struct Remove: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Delete an article (with its annotations) or an annotation.",
        discussion: "Deletion is a change like any other: it syncs, and an edit made concurrently elsewhere is kept as a conflict.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix).") var id: String

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entity = try replica.resolve(id)
        try replica.edit { editor in
            switch entity.kind {
            case .article: try editor.deleteArticle(entity.id)
            case .annotation: try editor.deleteAnnotation(entity.id)
            }
        }
        context.console.line("deleted \(entity.kind) \(entity.id)")
    }
}
