/// Where a session's lines come from: the terminal, standard input, or `-c`.
protocol LineSource: AnyObject {
    /// The number of the line last read, from 1.
    var lineNumber: Int { get }
    /// The next line, or nil at the end. `continuation` asks for a line that continues
    /// the previous command (the REPL shows a different prompt).
    func nextLine(continuation: Bool) throws -> String?
}
