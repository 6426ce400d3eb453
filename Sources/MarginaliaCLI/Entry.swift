import ArgumentParser
import Foundation

/// The process entry point: parses, runs, and turns errors into one line on standard
/// error and an exit status (see `ExitStatus`).
public enum MarginaliaMain {
    public static func run(_ arguments: [String]) async -> Int32 {
        // A peer that hangs up must show as a write error, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try MarginaliaCommand.parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            if let status = ExitStatus.forError(error) {
                reportError("marginalia: \(error)")
                return status.rawValue
            }
            // The argument parser's own outcomes: help, usage errors, explicit exit codes.
            let code = MarginaliaCommand.exitCode(for: error)
            if code == .success {
                let message = MarginaliaCommand.fullMessage(for: error)
                if !message.isEmpty { print(message) }
                return 0
            }
            let message = MarginaliaCommand.message(for: error)
            if !message.isEmpty { reportError("marginalia: \(message) (see 'marginalia help')") }
            return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }

    /// Writes `message` as exactly one line: line breaks and other control characters
    /// from what was typed (a multi-line quote, say) are shown escaped.
    private static func reportError(_ message: String) {
        var line = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": line += "\\n"
            case "\t": line += "\\t"
            case _ where scalar.properties.generalCategory == .control: line += "\\u{\(String(scalar.value, radix: 16))}"
            default: line.unicodeScalars.append(scalar)
            }
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
