import Foundation

/// `$VISUAL`, else `$EDITOR`: the program people edit conflicted text in, run on a
/// private temporary file (mode 600, removed afterwards) through the shell, so the
/// variable may hold options (`code --wait`).
struct ExternalEditor {
    let command: String

    /// The editor the environment names, or nil when neither variable is set.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ExternalEditor? {
        for name in ["VISUAL", "EDITOR"] {
            if let command = environment[name]?.trimmingCharacters(in: .whitespaces), !command.isEmpty {
                return ExternalEditor(command: command)
            }
        }
        return nil
    }

    /// Lets the user edit `text` and returns what they saved.
    func edit(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("marginalia-\(UUID().uuidString).txt").path
        guard FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw InputError.unreadable(path: path, reason: "cannot create the file to edit") }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "marginalia-editor", path]
        fflush(nil)
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw ResolutionError.editorFailed(command: command, status: process.terminationStatus)
        }
        return try TextInput.file(path)
    }
}
