import ArgumentParser

/// Options that apply to every command.
struct GlobalOptions: DescribedArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The replica file (default: $MARGINALIA_DB, else $XDG_DATA_HOME/marginalia/default.db).",
        valueName: "path"))
    var db: String?
    @Option(name: .customLong("color"), help: ArgumentHelp(
        "When to colour: auto (on a terminal, unless NO_COLOR is set or TERM is dumb), always or never.",
        valueName: "when"))
    var colour: ColourChoice?
    static let grammar: [GrammarArgument] = [
        .option("--db", value: .path), .option("--color", value: .choices(ColourChoice.allValueStrings)),
    ]
}

/// The `--json` flag of read commands.
struct OutputOptions: DescribedArguments {
    @Flag(name: .long, help: "Print JSON: one document, or one JSON object per line for lists.")
    var json = false
    static let grammar: [GrammarArgument] = [.flag("--json")]
}
