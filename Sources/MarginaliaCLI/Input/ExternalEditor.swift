import Foundation

/// The user's text editor (`$VISUAL`, else `$EDITOR`, which may hold options: `code
/// --wait`), run in the terminal's foreground on a private temporary file: for editing
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

        // The path is an argument of its own, never parsed by a shell. The editor gets
        // the terminal (see `ForegroundCommand`).
        let editor = ForegroundCommand(command: command, arguments: [path])
        let termination: ForegroundCommand.Termination
        do {
            termination = try editor.run()
        } catch {
            throw InputError.editorNotStarted(command: command, reason: String(cString: strerror(error.code.rawValue)))
        }
        switch termination {
        case .exited(0): break
        case .exited(let status): throw InputError.editorFailed(command: command, status: status)
        case .signalled(let signal): throw InputError.editorFailed(command: command, status: 128 + signal)
        }
        return try TextInput.file(path)
    }
}
