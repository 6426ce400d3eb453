import Foundation

/// Where a command's output goes: standard output, or the REPL's pager later.
struct Console {
    /// Writes one line of normal output.
    func line(_ text: String = "") {
        print(text)
    }

    /// Writes one value as a JSON document on its own line.
    func json(_ value: some Encodable) throws {
        line(try JSONOutput.string(value))
    }

    /// Writes values as JSON lines, one per value.
    func jsonLines(_ values: some Sequence<some Encodable>) throws {
        for value in values { try json(value) }
    }
}
