import Foundation

/// The lines of a script piped to standard input.
final class StandardInputLines: LineSource {
    private(set) var lineNumber = 0

    func nextLine(continuation: Bool) throws -> String? {
        guard let line = readLine(strippingNewline: true) else { return nil }
        lineNumber += 1
        return line
    }
}
