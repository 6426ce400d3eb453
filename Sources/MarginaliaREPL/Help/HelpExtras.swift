import MarginaliaCLI

/// What `help` adds in a session to the argument parser's help: how the REPL works.
/// (Each command's examples follow its help everywhere: `CommandExamples`.) Written
/// through the context, so each point wraps between words on a narrow terminal.
enum HelpExtras {
    static func print(for path: [String], in context: CommandContext) {
        guard path.isEmpty else { return }
        context.say("")
        context.say("IN THE REPL:")
        for point in session { context.say(point, indent: 2) }
    }

    static let session = [
        #"Words are quoted as in a shell ('…', "…", \), ';' separates commands, '#' starts a comment."#,
        "Tab completes commands, options and their values, ids (also from a word of a title or note), peers and fields.",
        "add TITLE reads the body from the lines that follow, up to a line holding only '.'.",
        "Ctrl-C clears the line, or stops a running sync or resolve's questions; Ctrl-D or 'exit' leaves.",
        "'help COMMAND' shows a command's options and examples.",
    ]
}
