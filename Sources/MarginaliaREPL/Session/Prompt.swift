import MarginaliaCLI

/// `laptop> `, or `laptop [2 conflicts]> ` while conflicts are open: the replica's
/// name and its open conflicts, read after every command (a sync may bring some).
struct Prompt {
    let context: CommandContext
    let style: TerminalStyle

    func text() -> String {
        guard let status = try? context.replica().status() else { return style.prompt("marginalia", .bold) + "> " }
        var text = style.prompt(status.info.name, .cyan)
        if status.openConflicts > 0 {
            let count = status.openConflicts
            text += " " + style.prompt("[\(count) conflict\(count == 1 ? "" : "s")]", .yellow)
        }
        return text + "> "
    }
}
