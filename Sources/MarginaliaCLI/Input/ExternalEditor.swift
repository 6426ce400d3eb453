import Foundation

/// The user's text editor (`$VISUAL`, else `$EDITOR`), run on a private temporary file.
struct ExternalEditor {
    let command: String

    init(environment: [String: String]) throws {
        guard let command = [environment["VISUAL"], environment["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty })
        else { throw UsageError("--body needs $VISUAL or $EDITOR to name an editor (or give --body-file PATH)") }
        self.command = command
    }

    /// Opens `text` in the editor and returns what was saved. The file is created
    /// readable by its owner only (mode 600), as notes can be private, and removed after.
    func edit(_ text: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/marginalia-body-XXXXXX.txt").utf8CString)
        let descriptor = mkstemps(&template, 4)
        guard descriptor >= 0 else {
            throw InputError.unreadable(path: NSTemporaryDirectory(), reason: "cannot create a temporary file")
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()

        // Through the shell, so that `EDITOR="code --wait"` works; the path is "$1", never parsed.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", "sh", path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw InputError.editorFailed(command: command, status: process.terminationStatus)
        }
        return try TextInput.file(path)
    }
}
