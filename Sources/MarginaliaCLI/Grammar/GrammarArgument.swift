/// One argument of a command: a positional argument, an option taking a value, or a flag.
public struct GrammarArgument: Sendable {
    public enum Kind: Sendable { case positional, option, flag }

    public let kind: Kind
    /// How it is typed: `--tag`, `-h`; empty for positional arguments.
    public let spellings: [String]
    /// What its value names; `.text` for flags.
    public let value: ValueKind
    /// Whether it may be given several times (`--tag`, `import`'s paths).
    public let isRepeating: Bool

    /// A positional argument, in the order of the command's `@Argument`s.
    static func positional(_ value: ValueKind, repeating: Bool = false) -> GrammarArgument {
        GrammarArgument(kind: .positional, spellings: [], value: value, isRepeating: repeating)
    }

    /// An `@Option`, spelled `spellings`.
    static func option(_ spellings: String..., value: ValueKind = .text, repeating: Bool = false) -> GrammarArgument {
        GrammarArgument(kind: .option, spellings: spellings, value: value, isRepeating: repeating)
    }

    /// A `@Flag`, spelled `spellings`.
    static func flag(_ spellings: String...) -> GrammarArgument {
        GrammarArgument(kind: .flag, spellings: spellings, value: .text, isRepeating: false)
    }
}
