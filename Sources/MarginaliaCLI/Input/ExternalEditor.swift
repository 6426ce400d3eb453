import Foundation

/// The user's text editor (`$VISUAL`, else `$EDITOR`), run through the shell (so the
/// variable may hold options, `code --wait`) on a private temporary file: for editing
/// a body (`edit --body`) and conflicted text (`resolve --merge`, the walk-through).
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

    /// Opens `text` in the editor and returns what was saved. The file is created
    /// readable by its owner only (mode 600), as notes can be private, and removed after.
    func edit(_ text: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/marginalia-edit-XXXXXX.txt").utf8CString)
        let descriptor = mkstemps(&template, 4)
        guard descriptor >= 0 else {
            throw InputError.unreadable(path: NSTemporaryDirectory(), reason: "cannot create a temporary file")
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()

        // The path is "$1", never parsed by the shell. Output so far must reach the
        // terminal before the editor takes it over.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "marginalia-editor", path]
        fflush(nil)
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw InputError.editorFailed(command: command, status: process.terminationStatus)
        }
        return try TextInput.file(path)
    }
}
