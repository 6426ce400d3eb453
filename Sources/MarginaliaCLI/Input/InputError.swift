import MarginaliaWeb

/// Problems with files and standard input given to commands.
enum InputError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case notUTF8(path: String, offset: Int)
    /// Text saved as UTF-16 (as some Windows editors do), named by its iconv encoding.
    case utf16(path: String, encoding: String)
    /// A web page (a file or a URL) whose bytes do not decode.
    case undecodable(source: String, PageDecodingError)
    case noTitle(path: String)
    /// A web page that gave no article (`WebExtractionError` says why).
    case webPage(path: String, problem: WebExtractionError)
    case editorFailed(command: String, status: Int32)
    case editorNotStarted(command: String, reason: String)

    var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        case .notUTF8(let path, let offset): "\(path) is not valid UTF-8 (bad byte at offset \(offset))"
        case .utf16(let path, let encoding):
            "\(path) looks like \(encoding), not UTF-8: convert it with 'iconv -f \(encoding) -t UTF-8"
                + (path == TextInput.standardInputName ? "'" : " \(path) > \(path).utf8'")
        case .undecodable(let source, let error): error.message(source: source)
        case .noTitle(let path): "\(path) has no title: it holds no non-blank line"
        case .webPage(let path, let problem): "\(path) \(problem)"
        case .editorFailed(let command, let status): "the editor '\(command)' exited with status \(status); nothing was written"
        case .editorNotStarted(let command, let reason): "cannot start the editor '\(command)': \(reason); nothing was written"
        }
    }
}
