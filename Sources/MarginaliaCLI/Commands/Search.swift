import ArgumentParser
import MarginaliaStore

struct Search: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search titles, bodies and notes; best matches first.",
        discussion: "Every word must occur. Diacritics are ignored: 'nuoc' finds 'nước'.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "Words to look for.") var words: [String]
    @Option(help: "At most this many results.") var limit = 20
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if words.isEmpty { throw ValidationError("give words to search for") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run(in context: CommandContext) throws {
        let hits = try context.replica().search(words.joined(separator: " "), limit: limit)
        if output.json { return context.console.jsonLines(hits.map(SearchHitJSON.json)) }
        for hit in hits {
            let label = hit.kind == .article ? "" : "note \(HumanFormat.short(hit.id)) on "
            context.console.line("\(HumanFormat.short(hit.article))  \(label)\(hit.title)")
            context.console.line("    " + hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " "))
        }
    }
}
