import Foundation
import Testing

/// What one run of the `marginalia` binary produced.
struct RunResult: CustomStringConvertible {
    var arguments: [String]
    var stdout: String
    var stderr: String
    var status: Int32

    /// The lines of standard output, without the final empty one.
    var lines: [String] { Self.lines(of: stdout) }
    /// The lines of standard error, without the final empty one.
    var errorLines: [String] { Self.lines(of: stderr) }

    static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    var description: String {
        "\(arguments) → exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}

/// Runs the real `marginalia` executable built next to the test bundle.
enum MarginaliaProcess {
    /// The built binary: `$MARGINALIA_TEST_BINARY`, else beside the running test bundle
    /// (on Linux `Bundle.main.bundleURL` is the build folder, e.g. `.build/debug`), else
    /// `.build/debug/marginalia` under the package root found from this file's path.
    static let binary: URL = {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["MARGINALIA_TEST_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var candidates: [URL] = [Bundle.main.bundleURL.appendingPathComponent("marginalia")]
        // On macOS the bundle is `.build/debug/X.xctest`; the binary sits beside it.
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("marginalia"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/marginalia"))
        for candidate in candidates where fileManager.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return candidates.last!
    }()

    /// The package root: the nearest folder above this file holding `Package.swift`.
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// Runs `marginalia args` (or `executable args`) in `directory` with exactly `environment`.
    ///
    /// Standard input is a real pipe fed with `stdin` and then closed, or `/dev/null`
    /// when `stdin` is nil (never the test runner's own input, so nothing ever waits on
    /// a terminal). Output goes to files, so a large output cannot fill a pipe.
    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String], directory: URL,
        executable: URL = binary
    ) throws -> RunResult {
        try start(arguments, stdin: stdin, environment: environment, directory: directory, executable: executable)
            .finish()
    }

    /// Starts a run without waiting for it: several can then run at once.
    static func start(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String], directory: URL,
        executable: URL = binary
    ) throws -> RunningProcess {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory

        let token = UUID().uuidString
        let running = RunningProcess(
            process: process, arguments: arguments,
            outURL: directory.appendingPathComponent(".out-\(token)"),
            errURL: directory.appendingPathComponent(".err-\(token)"))
        _ = FileManager.default.createFile(atPath: running.outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: running.errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: running.outURL)
        let errHandle = try FileHandle(forWritingTo: running.errURL)
        process.standardOutput = outHandle
        process.standardError = errHandle

        var inputPipe: Pipe?
        if stdin != nil {
            let pipe = Pipe()
            process.standardInput = pipe
            inputPipe = pipe
        } else {
            process.standardInput = FileHandle.nullDevice
        }

        try process.run()
        try outHandle.close()
        try errHandle.close()
        if let pipe = inputPipe, let stdin {
            // The child may exit without reading (a usage error): a broken pipe is ignored.
            try? pipe.fileHandleForWriting.write(contentsOf: stdin)
            try? pipe.fileHandleForWriting.close()
        }
        return running
    }

    /// Writing to a child that has exited must fail with EPIPE, not kill the test runner.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}

/// A started run; `finish()` waits for it and collects what it printed.
struct RunningProcess {
    let process: Process
    let arguments: [String]
    let outURL: URL
    let errURL: URL

    func finish() throws -> RunResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let stdout = try Data(contentsOf: outURL)
        let stderr = try Data(contentsOf: errURL)
        return RunResult(
            arguments: arguments,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self),
            status: process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus)
    }
}

/// Waits for every run, each of which must succeed (exit 0, nothing on standard error).
@discardableResult
func finishAll(_ running: [RunningProcess], sourceLocation: SourceLocation = #_sourceLocation) throws -> [RunResult] {
    let results = try running.map { try $0.finish() }
    for result in results {
        #expect(result.status == 0 && result.stderr == "", "\(result)", sourceLocation: sourceLocation)
    }
    return results
}
