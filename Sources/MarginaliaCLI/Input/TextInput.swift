import Foundation
import MarginaliaCore

/// Reads text from files and standard input, strictly as UTF-8.
enum TextInput {
    /// The text of the file at `path`.
    static func file(_ path: String) throws -> String {
        try decode(try bytes(ofFile: path), source: path)
    }

    /// The bytes of the file at `path`.
    static func bytes(ofFile path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError.unreadable(path: path, reason: Self.reason(error, path: path))
        }
    }

    /// How errors name standard input.
    static let standardInputName = "standard input"

    /// Everything on standard input.
    static func standardInput() throws -> String {
        try decode(standardInputBytes(), source: standardInputName)
    }

    /// Every byte on standard input.
    static func standardInputBytes() -> Data {
        FileHandle.standardInput.readDataToEndOfFile()
    }

    /// Whether standard input is a terminal (then nobody is piping a body in).
    static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// `data` as UTF-8 text; UTF-16 and invalid UTF-8 are refused, naming `source`.
    static func decode(_ data: Data, source: String) throws -> String {
        // Before UTF-8: UTF-16 text in a Latin script, with its zero bytes, is valid UTF-8.
        if let encoding = utf16Encoding(of: data) { throw InputError.utf16(path: source, encoding: encoding) }
        if let text = UTF8Validation.decode(data) { return text }
        throw InputError.notUTF8(path: source, offset: UTF8Validation.firstInvalidOffset(in: data) ?? 0)
    }

    /// `UTF-16` when `data` starts with a UTF-16 byte-order mark (iconv reads the mark),
    /// `UTF-16LE` or `UTF-16BE` when most of its first code units have a zero byte on
    /// one side, as text in a Latin script saved as UTF-16 without a mark has; else nil.
    /// UTF-16 has an even number of bytes.
    private static func utf16Encoding(of data: Data) -> String? {
        guard data.count.isMultiple(of: 2) else { return nil }
        let bytes = [UInt8](data.prefix(1024))
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        let units = bytes.count / 2
        guard units >= 2 else { return nil }
        let zeroHigh = stride(from: 1, to: units * 2, by: 2).count { bytes[$0] == 0 && bytes[$0 - 1] != 0 }
        let zeroLow = stride(from: 0, to: units * 2, by: 2).count { bytes[$0] == 0 && bytes[$0 + 1] != 0 }
        if zeroHigh * 2 > units { return "UTF-16LE" }
        if zeroLow * 2 > units { return "UTF-16BE" }
        return nil
    }

    private static func reason(_ error: any Error, path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return (error as NSError).localizedDescription
    }
}
