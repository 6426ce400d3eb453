import ArgumentParser
import MarginaliaStore

struct Note: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Set the note of an annotation.")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "The annotation id (or a unique prefix).") var annotation: String
    @Argument(help: "The new note.") var text: String
    static let grammar: [GrammarArgument] = [.positional(.annotation), .positional(.text)]

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let annotation = try replica.resolve(annotation, as: .annotation)
        try replica.edit { editor in try editor.setNote(annotation.id, to: text) }
    }
}
