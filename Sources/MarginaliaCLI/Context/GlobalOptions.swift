import ArgumentParser

/// Options that apply to every command.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The replica file (default: $MARGINALIA_DB, else $XDG_DATA_HOME/marginalia/default.db).",
        valueName: "path"))
    var db: String?
}

/// The `--json` flag of read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print JSON: one document, or one JSON object per line for lists.")
    var json = false
}
