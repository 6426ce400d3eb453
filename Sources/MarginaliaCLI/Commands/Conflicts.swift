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
        var items: [ListItem] = []
        for conflict in conflicts {
            items.append(ListItem(ConflictRenderer.headline(conflict), hang: 2))
            switch conflict.kind {
            case .field(_, let values):
                for value in values {
                    items.append(ListItem(lead: "    ", describe(value, as: ConflictRenderer.summary(value, among: values)), hang: 6))
                }
            case .editedWhileDeleted(let values):
                for value in values {
                    items.append(ListItem(lead: "    ", describe(value, as: value.value == .flag(true) ? "kept" : "deleted"), hang: 6))
                }
            case .annotationOnDeletedArticle:
                break
            }
        }
        context.console.list(items)
    }

    private func describe(_ value: CompetingValue, as text: String) -> String {
        let who = value.replicaName ?? value.dot.replica.rawValue
        return "\(text)  by \(who) at \(HumanFormat.time(value.time)) (\(value.dot))"
    }
}
