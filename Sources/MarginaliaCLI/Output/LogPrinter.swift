import MarginaliaCore
import MarginaliaStore

/// Prints changes for `history` and `log`: `dot  author  time  [entity]  field=value ...`,
/// or, with the patches (`history --patch`), each change's header followed by every
/// field it wrote as a word diff against the value before it, as `git log -p` does.
struct LogPrinter {
    let console: Console
    let json: Bool

    func print(_ entries: [LogEntry], showEntity: Bool) throws {
        if json { return console.jsonLines(entries.map(ChangeJSON.json)) }
        console.list(entries.map { ListItem(lead: header($0, showEntity: showEntity) + "  ", describe($0.change)) })
    }

    /// `history ID --patch`: `entries` is the entity's whole history, oldest first,
    /// which each change is compared with. Values are shown whole around their changes,
    /// wrapped to the terminal, and paged when long.
    func printPatches(_ entries: [LogEntry]) {
        if json { return console.jsonLines(entries.map(ChangeJSON.json)) }
        let history = entries.map(\.change)
        let differ = DiffText(colour: console.terminal.colour)
        var lines: [StyledText] = []
        for entry in entries {
            if !lines.isEmpty { lines.append(StyledText()) }
            let edits = FieldEdit.made(by: entry.change, in: history)
            var head = header(entry, showEntity: false)
            if entry.change.isDeletion || edits.isEmpty { head += "  " + describe(entry.change) }
            lines += StyledText(head, .heading).wrapped(to: console.terminal.columns)
            for edit in edits {
                lines += differ.edit(edit).wrapped(to: console.terminal.columns, indentedBy: "    ")
            }
        }
        console.page(lines)
    }

    /// `8x2k3m4n:4  laptop  2026-11-29 14:27`, and the entity when asked.
    private func header(_ entry: LogEntry, showEntity: Bool) -> String {
        let change = entry.change
        var line = HumanFormat.short(change.dot)
        line += "  \(entry.replicaName ?? "?")  \(HumanFormat.time(change.time))"
        if showEntity { line += "  \(change.kind) \(HumanFormat.short(change.entity))" }
        return line
    }

    private func describe(_ change: Change) -> String {
        if change.isDeletion { return "deleted" }
        let written = change.sortedFields.filter { $0.name != .alive }
        if written.isEmpty { return "kept (undeleted)" }
        return written.map { field, value in
            if case .tag(let name) = field { return value == .flag(true) ? "+#\(name)" : "-#\(name)" }
            return "\(field)=\(HumanFormat.value(value))"
        }.joined(separator: " ")
    }
}
