import MarginaliaCore
import MarginaliaStore

/// Prints changes for `history` and `log`: `dot  author  time  [entity]  field=value ...`.
struct LogPrinter {
    let console: Console
    let json: Bool

    func print(_ entries: [LogEntry], showEntity: Bool) throws {
        if json { return console.jsonLines(entries.map(ChangeJSON.json)) }
        for entry in entries {
            let change = entry.change
            var line = "\(change.dot.replica.rawValue.prefix(8)):\(change.dot.counter)"
            line += "  \(entry.replicaName ?? "?")  \(HumanFormat.time(change.time))"
            if showEntity { line += "  \(change.kind) \(HumanFormat.short(change.entity))" }
            line += "  " + describe(change)
            console.line(line)
        }
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
