import ArgumentParser
import Foundation
import MarginaliaCore
import MarginaliaStore

struct ExportAnnotations: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "export-annotations",
        abstract: "Write annotations as a W3C Web Annotation collection (JSON-LD).",
        discussion: """
            Of one article, or of every article. Each annotation is named \
            urn:marginalia:annotation:ID (its id and canonical) and targets \
            urn:marginalia:article:ID (with the article's source URL as scope), by a \
            TextQuoteSelector and a TextPositionSelector in Unicode code points; the note and \
            tags are TextualBody bodies (purpose commenting, tagging). import-annotations reads \
            it back.
            """)

    /// The formats annotations are exported in.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case w3c
    }

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article id (or a unique prefix); without it, every article.") var article: String?
    @Option(help: "The format.") var format: Format = .w3c
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
    static let grammar: [GrammarArgument] = [.positional(.article), .option("--format", value: .choices(Format.allValueStrings)), .option("--output", value: .path)]

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let articles: [AnnotatedArticle]
        let label: String
        if let article {
            let detail = try replica.articleDetail(try replica.resolve(article, as: .article).id)
            articles = [AnnotatedArticle(detail)]
            label = detail.article.title
        } else {
            // In id order, so every replica holding the same annotations writes the same file.
            articles = try replica.articles().map(\.id).sorted().map { AnnotatedArticle(try replica.articleDetail($0)) }
                .filter { !$0.annotations.isEmpty }
            label = "Marginalia annotations"
        }
        let collection = W3CAnnotationCollection(label: label, articles: articles)
        try OutputFile(path: output).write(try JSONOutput.document(collection) + "\n", console: context.console)
    }
}
