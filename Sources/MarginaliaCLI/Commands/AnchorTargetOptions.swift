import ArgumentParser
import MarginaliaStore

/// Where an anchor goes, as `annotate` and `reanchor` take it: by its text (`--quote`,
/// with `--occurrence N` when it occurs several times) or by Unicode-scalar offsets
/// into the body (`--range START-END`, end exclusive).
struct AnchorTargetOptions: DescribedArguments {
    @Option(help: "The text to highlight (case and diacritics may differ).") var quote: String?
    @Option(help: "Which occurrence of the quote (from 1).") var occurrence: Int?
    @Option(help: ArgumentHelp("Scalar offsets, end exclusive.", valueName: "start-end")) var range: ScalarRange?
    static let grammar: [GrammarArgument] = [.option("--quote"), .option("--occurrence"), .option("--range")]

    func validate() throws {
        switch (quote, range) {
        case (nil, nil): throw ValidationError("choose the span with --quote TEXT or --range START-END")
        case (.some, .some): throw ValidationError("give --quote or --range, not both")
        default: break
        }
        if occurrence != nil && quote == nil { throw ValidationError("--occurrence goes with --quote") }
    }

    var target: LocalEditor.Target {
        if let range { .range(start: range.start, end: range.end) } else { .quote(quote ?? "", occurrence: occurrence) }
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
