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
            let message = MarginaliaCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { reportError(message) }
            return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }

    private static func reportError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
