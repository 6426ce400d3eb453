import ArgumentParser
import MarginaliaStore

struct Annotations: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotations", abstract: "List annotations, of one article or of all.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article id (or a unique prefix).") var article: String?
    @OptionGroup var output: OutputOptions

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let article = try article.map { try replica.resolve($0, as: .article).id }
        let annotations = try replica.annotations(of: article)
        if output.json { return context.console.jsonLines(annotations.map(AnnotationJSON.json)) }
        let renderer = ArticleRenderer(terminal: context.console.terminal)
        context.console.page(annotations.flatMap { renderer.lines($0, number: nil) })
    }
}
