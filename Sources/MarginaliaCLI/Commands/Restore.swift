import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Restore: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Bring deleted articles or annotations back from the trash.",
        discussion: """
            Restoring is a change like any other: it syncs, and a deletion made concurrently \
            elsewhere stands beside it as a conflict. An article comes back with the annotations \
            deleted with it. An annotation whose article is deleted too needs the article \
            restored with it. 'ls --deleted' and 'annotations --deleted' list the trash.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: ArgumentHelp("Deleted article or annotation ids (or unique prefixes).", valueName: "deleted-id"))
    var ids: [String]
    static let grammar: [GrammarArgument] = [.positional(.deletedEntity, repeating: true)]

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give the id of what to restore ('ls --deleted' lists the trash)") }
    }

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entities = try EntityList(ids, in: replica)
        var lines: [String] = []
        try replica.edit { editor in
            var restored: Set<EntityID> = []
            // Articles first, so that their annotations can follow them.
            for entity in entities.articles {
                let companions = try editor.restore(entity.id, kind: .article)
                restored.formUnion(companions)
                let with = companions.isEmpty ? "" : " with \(companions.count) annotation\(companions.count == 1 ? "" : "s")"
                lines.append("restored article \(entity.id)\(with)")
            }
            for entity in entities.annotations where !restored.contains(entity.id) {
                try editor.restore(entity.id, kind: .annotation)
                lines.append("restored annotation \(entity.id)")
            }
        }
        for line in lines { context.console.line(line) }
    }
}
