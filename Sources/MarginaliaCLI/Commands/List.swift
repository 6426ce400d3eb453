import ArgumentParser
import MarginaliaStore

struct List: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List articles, newest first.", aliases: ["ls"])

    @ParentCommand var root: MarginaliaCommand
    @Option(help: "Only articles with this tag (case and diacritics ignored: doi-ngoai finds Đối-ngoại).")
    var tag: String?
    @Flag(help: "Only articles with annotations.") var annotated = false
    @Flag(help: "The deleted articles instead (the trash), the most recently deleted first; 'restore' brings one back.")
    var deleted = false
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [.option("--tag", value: .tag), .flag("--annotated"), .flag("--deleted")] + OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let articles = try context.replica().articles(tagged: tag, annotated: annotated, deleted: deleted)
        if output.json { return context.console.jsonLines(articles.map(ArticleJSON.json)) }
        context.console.list(articles.map { article in
            var line = article.title
            if !article.tags.isEmpty { line += "  " + article.tags.map { "#\($0)" }.joined(separator: " ") }
            if article.annotationCount > 0 {
                line += "  (\(article.annotationCount) annotation\(article.annotationCount == 1 ? "" : "s"))"
            }
            if let note = HumanFormat.conflictNote(article.conflictedFields, existence: article.existence) {
                line += "  " + note
            }
            if deleted { line += "  deleted \(HumanFormat.time(article.updated))" }
            return ListItem(lead: "\(HumanFormat.short(article.id))  ", line)
        })
    }
}
