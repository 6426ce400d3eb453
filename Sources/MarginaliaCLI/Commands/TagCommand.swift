import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct TagCommand: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "tag", abstract: "Add (+name) and remove (-name) tags of an article or annotation.",
        discussion: "Example: marginalia tag 3f9a +flood -draft")

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix).") var id: String
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("+tag to add, -tag to remove.", valueName: "±tag"))
    var changes: [String] = []
    static let grammar: [GrammarArgument] = [.positional(.entity), .positional(.signedTag, repeating: true)]

    func validate() throws {
        if changes.isEmpty { throw ValidationError("give tags to add (+name) or remove (-name)") }
        for change in changes where !(change.hasPrefix("+") || change.hasPrefix("-")) {
            throw ValidationError("'\(change)' must start with + (add) or - (remove)")
        }
    }

    func run(in context: CommandContext) throws {
        let adding = try TagArguments.parse(changes.filter { $0.hasPrefix("+") }.map { String($0.dropFirst()) })
        let removing = try TagArguments.parse(changes.filter { $0.hasPrefix("-") }.map { String($0.dropFirst()) })
        let replica = try context.replica()
        let entity = try replica.resolve(id)
        try replica.edit { editor in
            try editor.tag(entity.id, kind: entity.kind, adding: adding, removing: removing)
        }
    }
}
