import ArgumentParser
import MarginaliaStore

struct Annotate: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate", abstract: "Highlight a span of an article, with an optional note and tags; prints the annotation's id.",
        discussion: """
            Choose the span by its text (--quote, with --occurrence N when it occurs several times) \
            or by Unicode-scalar offsets into the body (--range START-END, end exclusive).
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The article id (or a unique prefix).") var article: String
    @Option(help: "The exact text to highlight.") var quote: String?
    @Option(help: "Which occurrence of the quote (from 1).") var occurrence: Int?
    @Option(help: ArgumentHelp("Scalar offsets, end exclusive.", valueName: "start-end")) var range: ScalarRange?
    @Option(help: "A note.") var note: String = ""
    @Option(name: .customLong("tag"), help: "A tag (repeatable).") var tags: [String] = []

    func validate() throws {
        switch (quote, range) {
        case (nil, nil): throw ValidationError("choose the span with --quote TEXT or --range START-END")
        case (.some, .some): throw ValidationError("give --quote or --range, not both")
        default: break
        }
        if occurrence != nil && quote == nil { throw ValidationError("--occurrence goes with --quote") }
    }

    func run(in context: CommandContext) throws {
        let target: LocalEditor.Target =
            if let range { .range(start: range.start, end: range.end) } else { .quote(quote ?? "", occurrence: occurrence) }
        let tags = try TagArguments.parse(tags)
        let replica = try context.replica()
        let article = try replica.resolve(article, as: .article)
        let id = try replica.edit { editor in
            try editor.annotate(article.id, at: target, note: note, tags: tags)
        }
        context.console.line(id.rawValue)
    }
}

/// `START-END` on the command line.
struct ScalarRange: ExpressibleByArgument {
    var start: Int
    var end: Int

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]) else { return nil }
        self.start = start
        self.end = end
    }
}
