import CReadlineShim
import Foundation
import MarginaliaCLI

/// The REPL's history: `$XDG_STATE_HOME/marginalia/history` (default
/// `~/.local/state/marginalia/history`), readable by its owner only, since commands hold
/// notes and titles. Like bash's `ignoreboth`: a line repeating the previous one, or
/// starting with a space, is not kept. Each kept line is appended at once, so two
/// sessions add to the file instead of overwriting each other, and the file is cut to
/// the newest `limit` lines.
final class HistoryFile {
    static let limit: Int32 = 1000

    let path: String

    init(environment: [String: String]) {
        let stateHome = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        path = stateHome + "/marginalia/history"
    }

    /// Creates the file if needed (mode 600) and loads it; a history that cannot be kept
    /// is reported once and the session goes on without it.
    func load() {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let descriptor = open(path, O_CREAT | O_WRONLY | O_APPEND | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        chmod(path, 0o600)
        let error = marginalia_history_load(path, Self.limit)
        if descriptor < 0 || error != 0 { StandardError.errorLine("marginalia: history is not kept: cannot use \(path)") }
    }

    /// Keeps `line`, unless it starts with a space, is blank, or repeats the previous one.
    func record(_ line: String) {
        guard let first = line.first, first != " ", !line.allSatisfy(\.isWhitespace) else { return }
        if let last = marginalia_history_last(), String(cString: last) == line { return }
        marginalia_history_add(line)
        _ = marginalia_history_append(path, 1, Self.limit)
    }
}
