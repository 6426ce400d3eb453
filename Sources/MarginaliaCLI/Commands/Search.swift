import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Search: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search titles, bodies and notes; best matches first.",
        discussion: """
            Case and diacritics are ignored: 'nuoc' finds 'nước', 'duong' finds 'ÐƯỜNG'.
            The query:
              muc nuoc        every word
              '"muc nuoc"'    the phrase (quoted for the shell)
              ngap*           words starting with 'ngap'
              lu OR lut       either word
              -xe             not this word (or "phrase", or prefix*)
              title:ha        only in titles; note:do in notes; tag:flood tagged so

            Each article found shows its matching passage, then the notes of its \
            annotations that matched. No match prints 'no matches for …' and exits 1, as \
            grep does; a query that cannot be read exits 64, saying at which column. An \
            excluded word that reads as an option (-c…) needs the query quoted as one \
            argument, or after '--': search -- muc -cao.
            """)

    @ParentCommand var root: MarginaliaCommand
    /// `.allUnrecognized`, so that `-word` (exclude) reaches the query rather than being
    /// refused as an unknown option; so does a `--`, which `query` leaves out.
    @Argument(parsing: .allUnrecognized, help: "The query (see above).") var words: [String]

    private var query: [String] { words.filter { $0 != "--" } }
    @Option(help: "At most this many articles.") var limit = 20
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [.positional(.text, repeating: true), .option("--limit")] + OutputOptions.grammar

    func validate() throws {
        if query.isEmpty { throw ValidationError("give words to search for") }
        // Only `-word` is query syntax: a mistyped `--option` is refused, not searched for.
        if let option = query.first(where: { $0.hasPrefix("--") }) { throw ValidationError("unknown option '\(option)'") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    /// Matched words are marked with these private-use characters, then shown
    /// underlined on a colour terminal and in brackets otherwise.
    private static let marks = (open: "\u{E000}", close: "\u{E001}")

    func run(in context: CommandContext) throws {
        let text = query.joined(separator: " ")
        let query = try SearchQuery(parsing: text)
        let highlight = output.json ? ("[", "]") : Self.marks
        let results = try context.replica().search(query, limit: limit, highlight: highlight)
        guard !results.isEmpty else { throw NoMatches(query: text) }
        if output.json { return context.console.jsonLines(results.map(SearchResultJSON.json)) }
        let colour = context.console.terminal.colour
        context.console.list(results.flatMap { result in
            var items = [ListItem(lead: "\(HumanFormat.short(result.article))  ", result.title)]
            if let snippet = result.snippet { items.append(ListItem(lead: StyledText("    "), Self.passage(snippet, colour: colour))) }
            for note in result.notes {
                items.append(ListItem(lead: StyledText("    note \(HumanFormat.short(note.id)): "), Self.passage(note.snippet, colour: colour)))
            }
            return items
        })
    }

    /// A snippet on one line, its matched words highlighted.
    private static func passage(_ snippet: String, colour: Bool) -> StyledText {
        var line = StyledText()
        let flat = snippet.split(whereSeparator: \.isNewline).joined(separator: " ")
        for (index, part) in flat.split(separator: Character(marks.open), omittingEmptySubsequences: false).enumerated() {
            guard index > 0, let close = part.firstIndex(of: Character(marks.close)) else {
                line.append(part)
                continue
            }
            if colour { line.append(part[..<close], .highlight) } else { line.append("[" + part[..<close] + "]") }
            line.append(part[part.index(after: close)...])
        }
        return line
    }
}
