import Foundation

extension Sandbox {
    /// Runs `marginalia arguments` on a pseudo-terminal, through util-linux `script`, as
    /// a person at a terminal would: `typed` is what they type (forwarded by `script`;
    /// nothing when nil). The terminal turns line breaks into `\r\n`; they come back as `\n`.
    func runInTerminal(_ arguments: [String], typed: String? = nil, env: [String: String?] = [:]) throws -> RunResult {
        let command = ([MarginaliaProcess.binary.path] + arguments).map(shellQuote).joined(separator: " ")
        var result = try MarginaliaProcess.run(
            ["-qec", command, "/dev/null"], stdin: typed.map { Data($0.utf8) },
            environment: environment(["TERM": "xterm"].merging(env) { $1 }),
            directory: work, executable: URL(fileURLWithPath: "/usr/bin/script"))
        result.stdout = result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        return result
    }
}
