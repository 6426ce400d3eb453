import CReadlineShim
import Foundation

/// GNU readline, reached through the C shim: one line at a time, with Tab completion
/// and Ctrl-C handled as people expect (the line is discarded, the REPL stays).
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        /// Ctrl-D on an empty line, or the terminal went away.
        case end
        /// Ctrl-C: what was typed is dropped.
        case interrupted
    }

    private let completer: Completer

    /// Readline keeps a pointer to `completer`; the editor keeps it alive.
    init(completer: Completer) {
        self.completer = completer
        marginalia_readline_start("marginalia", Unmanaged.passUnretained(completer).toOpaque()) { context, line, start, end in
            guard let context else { return }
            Unmanaged<Completer>.fromOpaque(context).takeUnretainedValue()
                .offer(line: line, start: Int(start), end: Int(end))
        }
    }

    /// A command line, with the commands' history.
    func read(prompt: String) -> Input {
        read { marginalia_read_line(prompt, &$0) }
    }

    /// The answer to a question a running command asks, with a history of answers only.
    func readAnswer(prompt: String) -> Input {
        read { marginalia_read_answer(prompt, &$0) }
    }

    private func read(_ reading: (inout UnsafeMutablePointer<CChar>?) -> marginalia_read_result) -> Input {
        var line: UnsafeMutablePointer<CChar>?
        switch reading(&line) {
        case MARGINALIA_READ_LINE:
            defer { free(line) }
            return line.map { .line(String(cString: $0)) } ?? .end
        case MARGINALIA_READ_INTERRUPTED: return .interrupted
        default: return .end
        }
    }
}

extension Completer {
    /// Answers readline: the word is `line[start..<end]` in bytes.
    fileprivate func offer(line: UnsafePointer<CChar>, start: Int, end: Int) {
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(line).assumingMemoryBound(to: UInt8.self), count: strlen(line)))
        let before = String(decoding: bytes[..<min(start, bytes.count)], as: UTF8.self)
        let word = String(decoding: bytes[min(start, bytes.count)..<min(end, bytes.count)], as: UTF8.self)
        switch complete(word, after: ShellWords.wordsSoFar(in: before)) {
        case .filenames: marginalia_offer_filenames()
        case .candidates(let candidates):
            for candidate in candidates { marginalia_offer_completion(candidate.word, candidate.label) }
        }
    }
}
