import Foundation

/// Lines for people on standard error, which stays free when standard output carries
/// data (the protocol under `serve --stdio`, JSON under `--json`).
enum StandardError {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
