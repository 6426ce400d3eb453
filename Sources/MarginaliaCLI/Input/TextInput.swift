import Foundation
import MarginaliaCore

/// Reads text from files and standard input, strictly as UTF-8.
enum TextInput {
    /// The text of the file at `path`.
    static func file(_ path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError.unreadable(path: path, reason: Self.reason(error, path: path))
        }
        return try decode(data, source: path)
    }

    /// Everything on standard input.
    static func standardInput() throws -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return try decode(data, source: "standard input")
    }

    /// Whether standard input is a terminal (then nobody is piping a body in).
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    private static func decode(_ data: Data, source: String) throws -> String {
        if let text = UTF8Validation.decode(data) { return text }
        throw InputError.notUTF8(path: source, offset: UTF8Validation.firstInvalidOffset(in: data) ?? 0)
    }

    private static func reason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return (error as NSError).localizedDescription
    }
}
