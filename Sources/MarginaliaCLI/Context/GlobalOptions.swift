import ArgumentParser

/// Options that apply to every command.
struct GlobalOptions: DescribedArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The replica file (default: $MARGINALIA_DB, else $XDG_DATA_HOME/marginalia/default.db).",
        valueName: "path"))
    var db: String?
    static let grammar: [GrammarArgument] = [.option("--db", value: .path)]
}

/// The `--json` flag of read commands.
struct OutputOptions: DescribedArguments {
    @Flag(name: .long, help: "Print JSON: one document, or one JSON object per line for lists.")
    var json = false
    static let grammar: [GrammarArgument] = [.flag("--json")]
}
