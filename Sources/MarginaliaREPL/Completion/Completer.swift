import MarginaliaCLI

/// Decides what Tab offers, from the grammar (`CommandCatalog`: commands, options, and
/// what each argument's value is) and from the replica (`ReplicaVocabulary`: ids, titles,
/// peers, tags). Never file names where no file makes sense.
final class Completer {
    private let catalog = CommandCatalog.grammar
    private let vocabulary: ReplicaVocabulary

    init(vocabulary: ReplicaVocabulary) {
        self.vocabulary = vocabulary
    }

    /// What completes `word`, typed after `before` (the command's words so far).
    func complete(_ word: String, after before: [String]) -> Completion {
        var command = catalog.root
        var rest = before[...]
        while let name = rest.first, let subcommand = command.subcommand(named: name) {
            command = subcommand
            rest = rest.dropFirst()
        }
        if before.isEmpty { return .words(matching(word, CommandLoop.leavingWords + catalog.root.subcommands.flatMap(\.names))) }
        if let previous = rest.last, let option = command.option(spelled: previous), option.kind == .option,
            !previous.contains("=")
        {
            return values(of: option, word)
        }
        if word.hasPrefix("-") { return .words(matching(word, command.optionSpellings)) }
        let positionals = command.positionals
        if positionals.isEmpty { return .words(matching(word, command.subcommands.flatMap(\.names))) }
        let typed = positionalWords(in: rest, of: command)
        let index = typed.count
        guard let argument = index < positionals.count ? positionals[index] : positionals.last(where: \.isRepeating)
        else { return .words([]) }
        return values(of: argument, word, after: typed)
    }

    /// The positional arguments `words` holds: the words that are neither options nor
    /// the values of options.
    private func positionalWords(in words: ArraySlice<String>, of command: GrammarCommand) -> [String] {
        var positionals: [String] = []
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            if word.hasPrefix("-"), let option = command.option(spelled: word) {
                if option.kind == .option && !word.contains("=") { index += 1 }
            } else {
                positionals.append(word)
            }
            index += 1
        }
        return positionals
    }

    /// Candidates for a value, by what it names. `positionals` are the positional
    /// arguments typed before it (a field is one of the entity named first).
    private func values(of argument: GrammarArgument, _ word: String, after positionals: [String] = []) -> Completion {
        switch argument.value {
        case .text: .words([])
        case .entity: .candidates(vocabulary.articles(matching: word) + vocabulary.annotations(matching: word))
        case .deletedEntity:
            .candidates(vocabulary.articles(matching: word, deleted: true) + vocabulary.annotations(matching: word, deleted: true))
        case .article: .candidates(vocabulary.articles(matching: word))
        case .annotation: .candidates(vocabulary.annotations(matching: word))
        case .conflictedEntity: .candidates(vocabulary.conflicted(matching: word))
        case .conflictedField: .words(matching(word, vocabulary.conflictedFields(of: positionals.first ?? "")))
        case .path: .filenames
        case .syncTarget:
            vocabulary.peers(matching: word).isEmpty ? .filenames : .words(vocabulary.peers(matching: word))
        case .syncPeer: .words(vocabulary.peers(matching: word))
        case .trustedPeer: .words(vocabulary.trustedPeers(matching: word))
        case .tag: .words(vocabulary.tags(matching: word))
        case .signedTag: .words(signedTags(word))
        case .command: .words(matching(word, catalog.root.subcommands.flatMap(\.names)))
        case .choices(let values): .words(matching(word, values))
        }
    }

    /// `+name` adds a tag, `-name` removes one: complete the name after the sign.
    private func signedTags(_ word: String) -> [String] {
        guard let sign = word.first, sign == "+" || sign == "-" else { return ["+", "-"].filter { $0.hasPrefix(word) } }
        return vocabulary.tags(matching: String(word.dropFirst())).map { String(sign) + $0 }
    }

    private func matching(_ word: String, _ candidates: [String]) -> [String] {
        candidates.filter { $0.hasPrefix(word) }
    }
}
