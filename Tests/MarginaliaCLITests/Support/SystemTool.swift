import Foundation
import Testing

/// A program of the system that checks what Marginalia wrote: a Markdown renderer, a
/// JSON Schema validator. `make deps` installs them; a missing one fails the test,
/// naming its Debian package, rather than skipping it.
struct SystemTool {
    let path: String
    let package: String

    /// cmark-gfm, GitHub's CommonMark renderer, with footnotes.
    static let commonMark = SystemTool(path: "/usr/bin/cmark-gfm", package: "cmark-gfm")
    /// Debian's Python, which has python3-jsonschema and python3-rfc3987.
    static let python = SystemTool(path: "/usr/bin/python3", package: "python3-jsonschema python3-rfc3987")

    /// Runs the tool with `arguments`; its status, standard output and standard error.
    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Issue.record("\(path) is not installed: apt-get install -y \(package) (make deps installs it)")
            throw Missing()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Standard error is small; reading standard output to its end first cannot block on it.
        let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    struct Missing: Error {}
}
