import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct ConflictCommand: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "conflict", abstract: "Show an article's or annotation's open conflicts in full.",
        discussion: """
            Each conflicted field shows its common ancestor (the last value every editor had seen, from \
            the change log) and the competing values side by side (stacked on a narrow terminal), each \
            with who wrote it, when and its dot, as a word diff against the ancestor. Settle them with \
            'marginalia resolve'.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix).") var id: String
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [.positional(.conflictedEntity)] + OutputOptions.grammar

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entity = try replica.resolve(id)
        let details = try replica.conflicts(of: entity.id).map { try ConflictDetail.load($0, from: replica) }
        if output.json {
            return context.console.json(EntityConflictsJSON.json(entity: entity.id, kind: entity.kind, conflicts: details))
        }
        if details.isEmpty { return context.console.line("no open conflicts on \(entity.kind) \(entity.id)") }
        let renderer = ConflictRenderer(terminal: context.console.terminal)
        var lines: [StyledText] = []
        for detail in details {
            if !lines.isEmpty { lines.append(StyledText()) }
            lines += renderer.lines(detail, diff: true)
            let settle = "settle: marginalia resolve \(HumanFormat.short(entity.id)) " + Self.options(detail)
            lines += renderer.indented(StyledText(settle, .muted))
        }
        context.console.page(lines)
    }

    /// The `resolve` options that fit a conflict.
    private static func options(_ detail: ConflictDetail) -> String {
        guard let field = detail.field else { return "--keep | --delete" }
        let text = detail.isText ? " | --merge | --value TEXT" : ""
        return "\(field) --take N | --ours | --theirs" + text
    }
}
