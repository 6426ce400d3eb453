import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Show: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an article with its annotations, or one annotation.",
        discussion: """
            The article is wrapped to the terminal's width ($COLUMNS when set); annotated spans are \
            marked with the numbers of the annotations listed below it, where they are now (the \
            body may have changed since they were made); those to review are marked, and those \
            whose words are gone are listed last, as orphaned. Colour is off under NO_COLOR, \
            TERM=dumb, or when the output is not a terminal; output taller than the screen goes \
            through $PAGER (default: less, with LESS=FRX unless LESS is set) on a terminal.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix).") var id: String
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [.positional(.entity)] + OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entity = try replica.resolve(id)
        let renderer = ArticleRenderer(terminal: context.console.terminal)
        switch entity.kind {
        case .article:
            let detail = try replica.articleDetail(entity.id)
            if output.json { return context.console.json(ArticleJSON.json(detail)) }
            context.console.page(renderer.lines(detail))
        case .annotation:
            let annotation = try replica.annotation(entity.id)
            guard annotation.existence.isVisible else { throw ReplicaError.deleted(entity.id, kind: .annotation) }
            let placed = PlacedAnnotation(annotation: annotation, placement: try replica.placement(of: annotation))
            if output.json { return context.console.json(AnnotationJSON.json(placed)) }
            context.console.page(renderer.lines(placed, number: nil))
        }
    }
}
