import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Conflicts: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "conflicts", abstract: "List open conflicts: competing field values, edits made while deleted, annotations on deleted articles.",
        discussion: """
            'marginalia conflict ID' shows one entity's conflicts in full; 'marginalia resolve' settles them \
            (editing a conflicted field resolves it too, since the new value supersedes every competing one).
            """)

    @ParentCommand var root: MarginaliaCommand
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let conflicts = try context.replica().conflicts()
        if output.json { return context.console.jsonLines(conflicts.map { ConflictJSON.json($0) }) }
        if conflicts.isEmpty { return context.console.line("no conflicts") }
        var items: [(indent: String, text: String)] = []
        for conflict in conflicts {
            items.append(("", ConflictRenderer.headline(conflict)))
            switch conflict.kind {
            case .field(_, let values):
                for value in values {
                    items.append(("    ", describe(value, as: ConflictRenderer.summary(value, among: values))))
                }
            case .editedWhileDeleted(let values):
                for value in values {
                    items.append(("    ", describe(value, as: value.value == .flag(true) ? "kept" : "deleted")))
                }
            case .annotationOnDeletedArticle:
                break
            }
        }
        // Piped, one line per item, to read with grep and cut; on a terminal, wrapped
        // between words with a hanging indent, and paged, as `show` is.
        let console = context.console
        guard console.terminal.isTerminal else {
            for item in items { console.line(item.indent + item.text) }
            return
        }
        console.page(items.flatMap { item in
            StyledText(item.text).wrapped(to: console.terminal.columns, indentedBy: item.indent, then: item.indent + "  ")
        })
    }

    private func describe(_ value: CompetingValue, as text: String) -> String {
        let who = value.replicaName ?? value.dot.replica.rawValue
        return "\(text)  by \(who) at \(HumanFormat.time(value.time)) (\(value.dot))"
    }
}
