import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Remove: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Delete articles (with their annotations) or annotations.",
        discussion: """
            Deletion is a change like any other: it syncs, and an edit made concurrently elsewhere \
            is kept as a conflict. Deleted entities stay in the trash ('ls --deleted', \
            'annotations --deleted') until 'restore' brings them back. Several ids are deleted in \
            one transaction: all or none.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: ArgumentHelp("Article or annotation ids (or unique prefixes).", valueName: "id"))
    var ids: [String]
    static let grammar: [GrammarArgument] = [.positional(.entity, repeating: true)]

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give the id of what to delete") }
    }

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let entities = try EntityList(ids, in: replica)
        try replica.edit { editor in
            // Annotations first: deleting an article deletes its annotations with it.
            for entity in entities.annotations { try editor.deleteAnnotation(entity.id) }
            for entity in entities.articles { try editor.deleteArticle(entity.id) }
        }
        for entity in entities.annotations + entities.articles {
            context.console.line("deleted \(entity.kind) \(entity.id)")
        }
    }
}
