import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Conflicts: ReplicaCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts", abstract: "List open conflicts: competing field values, edits made while deleted, annotations on deleted articles.",
        discussion: "Editing a conflicted field resolves it, since the new value supersedes every competing one.")

    @ParentCommand var root: MarginaliaCommand
    @OptionGroup var output: OutputOptions

    func run(in context: CommandContext) throws {
        let conflicts = try context.replica().conflicts()
        if output.json { return try context.console.jsonLines(conflicts.map(ConflictJSON.init)) }
        if conflicts.isEmpty { return context.console.line("no conflicts") }
        for conflict in conflicts {
            let head = "\(conflict.entityKind) \(HumanFormat.short(conflict.entity)) "
                + HumanFormat.quoted(conflict.label, limit: 40)
            switch conflict.kind {
            case .field(let field, let values):
                context.console.line("\(head): \(field) has \(values.count) values")
                for value in values { context.console.line("    " + describe(value)) }
            case .editedWhileDeleted(let values):
                context.console.line("\(head): edited on one replica while deleted on another")
                for value in values {
                    context.console.line("    " + describe(value, as: value.value == .flag(true) ? "kept" : "deleted"))
                }
            case .annotationOnDeletedArticle(let article):
                context.console.line("\(head): annotates article \(HumanFormat.short(article)), deleted meanwhile")
            }
        }
    }

    private func describe(_ value: CompetingValue, as text: String? = nil) -> String {
        let who = value.replicaName ?? value.dot.replica.rawValue
        return "\(text ?? HumanFormat.value(value.value))  by \(who) at \(HumanFormat.time(value.time)) (\(value.dot))"
    }
}
