import ArgumentParser
import MarginaliaCore
import MarginaliaStore

struct Resolve: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "resolve", abstract: "Settle conflicts: a field as chosen, or each open one in turn.",
        discussion: """
            With no choice, walks through the open conflicts (all of them, or the given entity's) and asks \
            about each: a number takes that value, m merges (showing what it would write, and asking), \
            e edits by hand, d shows the diff, s skips, q stops, ? explains. Answers are read line by line \
            from standard input.

            A resolution is an ordinary edit: it syncs, and supersedes the competing values on every \
            replica. --merge merges the competing texts word by word against their common ancestor; \
            what it cannot settle is opened in $VISUAL or $EDITOR, or printed between conflict markers.

            Examples:
              marginalia resolve                    (every open conflict in turn)
              marginalia resolve 3f9a body --merge
              marginalia resolve 3f9a title --take 2
              marginalia resolve 3f9a --keep        (kept after a concurrent delete)
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: "An article or annotation id (or a unique prefix); all conflicts when omitted.") var id: String?
    @Argument(help: "The conflicted field: title, body, source, note, anchor or article.") var field: String?
    @Option(help: ArgumentHelp("Take the N-th competing value, as listed by 'marginalia conflict'.", valueName: "N"))
    var take: Int?
    @Flag(help: "Take the value this replica wrote.") var ours = false
    @Flag(help: "Take the value the other replica wrote.") var theirs = false
    @Option(help: "Write this text instead.") var value: String?
    @Option(help: ArgumentHelp("Write the text of this UTF-8 file instead.", valueName: "path")) var valueFile: String?
    @Flag(help: "Merge the competing texts word by word against their common ancestor.") var merge = false
    @Flag(help: "Keep an entity edited on one replica while deleted on another.") var keep = false
    @Flag(help: "Delete it after all.") var delete = false
    static let grammar: [GrammarArgument] = [
        .positional(.conflictedEntity), .positional(.conflictedField), .option("--take"), .flag("--ours"), .flag("--theirs"),
        .option("--value"), .option("--value-file", value: .path), .flag("--merge"), .flag("--keep"), .flag("--delete"),
    ]

    /// The options that choose, by name, with whether each was given.
    private var given: [(name: String, isSet: Bool)] {
        [("--take", take != nil), ("--ours", ours), ("--theirs", theirs), ("--value", value != nil),
         ("--value-file", valueFile != nil), ("--merge", merge), ("--keep", keep), ("--delete", delete)]
    }

    func validate() throws {
        let chosen = given.filter(\.isSet).map(\.name)
        if chosen.count > 1 { throw ValidationError("choose one way to resolve, not \(chosen.joined(separator: " and "))") }
        if let take, take < 1 { throw ValidationError("--take counts values from 1") }
        if id == nil, !chosen.isEmpty { throw ValidationError("\(chosen[0]) needs the id of what to resolve") }
    }

    func run(in context: CommandContext) throws {
        let replica = try context.replica()
        let resolver = ConflictResolver(replica: replica, editor: ExternalEditor.fromEnvironment())
        guard let id else { return try walk(try replica.conflicts(), context: context, resolver: resolver) }
        let entity = try replica.resolve(id)
        let fieldName = try field.map { try Self.fieldName($0, of: entity.kind) }
        guard let choice = try choice() else {
            let chosen = try replica.conflicts(of: entity.id).filter { fieldName == nil || $0.field == fieldName }
            if let fieldName, chosen.isEmpty { throw ReplicaError.notInConflict(entity.id, kind: entity.kind, field: fieldName) }
            return try walk(chosen, context: context, resolver: resolver)
        }
        let conflict = try replica.conflict(
            of: entity.id, kind: entity.kind, field: fieldName, keepingOrDeleting: choice == .keep || choice == .delete)
        let detail = try ConflictDetail.load(conflict, from: replica)
        do {
            context.console.line(try resolver.settle(detail, by: choice))
        } catch ResolutionError.unmergedConflicts(let count, let subject, let marked) {
            context.console.line(marked.hasSuffix("\n") ? String(marked.dropLast()) : marked)
            throw ResolutionError.unmergedConflicts(count: count, subject: subject, markedText: marked)
        }
    }

    /// The choice the options make, nil when none was given.
    private func choice() throws -> ResolutionChoice? {
        if let take { return .take(take) }
        if ours { return .ours }
        if theirs { return .theirs }
        if let value { return .value(value) }
        if let valueFile { return .value(try TextInput.file(valueFile)) }
        if merge { return .merge }
        if keep { return .keep }
        if delete { return .delete }
        return nil
    }

    private func walk(_ conflicts: [Conflict], context: CommandContext, resolver: ConflictResolver) throws {
        if conflicts.isEmpty { return context.console.line("no conflicts") }
        let walk = ConflictWalk(replica: resolver.replica, console: context.console, answers: context.answers, resolver: resolver)
        let tally = try walk.run(conflicts)
        let left = try resolver.replica.openConflictCount()
        context.console.line()
        context.console.line("resolved \(tally.resolved), skipped \(tally.skipped); \(left) conflict\(left == 1 ? "" : "s") open")
    }

    /// A field of `kind` named on the command line.
    private static func fieldName(_ text: String, of kind: EntityKind) throws -> FieldName {
        guard let field = kind.userFields.first(where: { $0.rawValue == text.lowercased() }) else {
            throw ResolutionError.unknownField(text, kind: kind)
        }
        return field
    }
}
