/// Problems with files and standard input given to commands.
enum InputError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case notUTF8(path: String, offset: Int)
    case noTitle(path: String)
    case editorFailed(command: String, status: Int32)

    var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        case .notUTF8(let path, let offset): "\(path) is not valid UTF-8 (bad byte at offset \(offset))"
        case .noTitle(let path): "\(path) has no title: it holds no non-blank line"
        case .editorFailed(let command, let status): "the editor '\(command)' exited with status \(status); nothing was written"
        }
    }
}
