/// The lines of the commands given with `-c`.
final class ArgumentLines: LineSource {
    private var remaining: ArraySlice<Substring>
    private(set) var lineNumber = 0

    init(_ text: String) {
        remaining = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    }

    func nextLine(continuation: Bool) throws -> String? {
        guard let line = remaining.popFirst() else { return nil }
        lineNumber += 1
        return String(line)
    }
}
