import ArgumentParser
import MarginaliaStore

struct Tags: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "tags", abstract: "List every tag, with how many articles and annotations carry it.",
        discussion: "Tags are shown as typed; filters (ls --tag, annotations --tag, search tag:) ignore case and diacritics.")

    @ParentCommand var root: MarginaliaCommand
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let counts = try context.replica().tagCounts()
        if output.json {
            return context.console.jsonLines(counts.map { .members(["annotations": $0.annotations, "articles": $0.articles, "tag": $0.tag]) })
        }
        let names = counts.map { StyledText("#" + $0.tag) }
        let width = names.map(\.width).max() ?? 0
        context.console.page(zip(names, counts).map { name, count in
            var line = name.padded(to: width)
            line.append("  " + [Self.count(count.articles, "article"), Self.count(count.annotations, "annotation")]
                .compactMap { $0 }.joined(separator: ", "))
            return line
        })
    }

    private static func count(_ number: Int, _ noun: String) -> String? {
        number == 0 ? nil : "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
