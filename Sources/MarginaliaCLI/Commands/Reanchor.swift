import ArgumentParser
import MarginaliaStore

struct Reanchor: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "reanchor", abstract: "Anchor an annotation again, by hand, in its article's current body.",
        discussion: """
            For an annotation whose words an edit removed (orphaned) or that needs review: choose \
            the span as annotate does, by its text (--quote, with --occurrence N, as forgiving) or by \
            Unicode-scalar offsets (--range START-END, end exclusive). The note and tags are kept.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The annotation id (or a unique prefix).") var annotation: String
    @OptionGroup var span: AnchorTargetOptions
    static let grammar: [GrammarArgument] = [.positional(.annotation)] + AnchorTargetOptions.grammar

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let annotation = try replica.resolve(annotation, as: .annotation)
        try replica.edit { editor in try editor.reanchor(annotation.id, at: span.target) }
        try MatchedQuoteNotice.show(for: annotation.id, typed: span.quote, in: replica)
    }
}
