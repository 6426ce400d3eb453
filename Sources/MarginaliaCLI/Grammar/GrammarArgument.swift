/// One argument of a command: a positional argument, an option taking a value, or a flag.
public struct GrammarArgument: Decodable, Sendable {
    public enum Kind: String, Decodable, Sendable { case positional, option, flag }

    public let kind: Kind
    /// How it is typed: `--tag`, `-h`; empty for positional arguments.
    public let spellings: [String]
    /// The name of its value in help (`id`, `path`, `article`): what completion offers for it.
    public let valueName: String
    /// Whether it may be given several times (`--tag`, `import`'s paths).
    public let isRepeating: Bool
    /// The only values it takes, when they are a fixed few (`--status`'s); else empty.
    public let allValues: [String]

    private struct Name: Decodable {
        var kind: String
        var name: String
        var spelling: String { kind == "long" ? "--" + name : "-" + name }
    }

    private enum CodingKeys: String, CodingKey { case kind, names, valueName, isRepeating, allValues }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        spellings = try container.decodeIfPresent([Name].self, forKey: .names)?.map(\.spelling) ?? []
        valueName = try container.decodeIfPresent(String.self, forKey: .valueName) ?? ""
        isRepeating = try container.decodeIfPresent(Bool.self, forKey: .isRepeating) ?? false
        allValues = try container.decodeIfPresent([String].self, forKey: .allValues) ?? []
    }
}
