import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Show: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an article with its annotations, or one annotation.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix).") var id: String
    @OptionGroup var output: OutputOptions

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entity = try replica.resolve(id)
        switch entity.kind {
        case .article:
            let detail = try replica.articleDetail(entity.id)
            if output.json { return try context.console.json(ArticleJSON(detail)) }
            ArticleRenderer(console: context.console).render(detail)
        case .annotation:
            let annotation = try replica.annotation(entity.id)
            guard annotation.existence.isVisible else { throw ReplicaError.deleted(entity.id, kind: .annotation) }
            if output.json { return try context.console.json(AnnotationJSON(annotation)) }
            ArticleRenderer(console: context.console).render(annotation, number: nil)
        }
    }
}
