import ArgumentParser
import Foundation
import MarginaliaStore

/// Runs one command line through the one grammar: checks the command name, parses,
/// runs, and turns every outcome into an exit status, with errors as one line on
/// standard error. One-shot invocations and every command of a REPL session or script
/// go through here, so they cannot drift apart.
public struct CommandExecutor {
    /// What a command line came to.
    public enum Outcome: Equatable, Sendable {
        /// The command ran (or failed) with this exit status.
        case finished(Int32)
        /// No command was given, only session options: start a session.
        case session(SessionRequest)
    }

    private let context: CommandContext?
    private let location: String?
    private let helpHint: String

    /// `context` is the session's (nil for one-shot use: each command makes its own);
    /// `location` prefixes error lines (`line 3` in scripts); `helpHint` is how to get help
    /// where the command was typed.
    public init(context: CommandContext?, location: String? = nil, helpHint: String = "marginalia help") {
        self.context = context
        self.location = location
        self.helpHint = helpHint
    }

    /// Parses and runs `arguments`.
    public func execute(_ arguments: [String]) async -> Outcome {
        do {
            var command: any ParsableCommand
            do {
                command = try MarginaliaCommand.parseAsRoot(arguments)
            } catch {
                // Only a line that does not parse reads the whole grammar (a third of a
                // one-shot `status`), to name the nearest command to an unknown one.
                try CommandCatalog.grammar.checkCommandName(in: arguments)
                throw error
            }
            if let root = command as? MarginaliaCommand { return .session(root.sessionRequest) }
            switch command {
            case let command as any AsyncReplicaCommand: try await command.run(in: context(for: command.root))
            case let command as any ReplicaCommand: try command.run(in: context(for: command.root))
            case var command as any AsyncParsableCommand: try await command.run()
            default: try command.run()
            }
            return .finished(0)
        } catch {
            return .finished(report(error, arguments: arguments))
        }
    }

    /// Prints `error` as one line (followed by the places to choose from, for a quote
    /// that is ambiguous or does not occur) or the help it asks for, with the examples of
    /// the command `arguments` name, and returns its exit status.
    public func report(_ error: any Error, arguments: [String] = []) -> Int32 {
        if error is CancellationError || Task.isCancelled {
            writeError("interrupted")
            return ExitStatus.interrupted.rawValue
        }
        if let status = ExitStatus.forError(error) {
            writeError("\(error)")
            // The places to choose from, when the error has them: one line each.
            for line in (error as? ReplicaError)?.details ?? [] { StandardError.errorLine("  " + line) }
            return status.rawValue
        }
        // The argument parser's own outcomes: help, usage errors, explicit exit codes.
        let code = MarginaliaCommand.exitCode(for: error)
        if code == .success {
            let message = MarginaliaCommand.fullMessage(for: error)
            if !message.isEmpty { print(message) }
            if let examples = CommandExamples.examples(forHelpWith: arguments) {
                print((message.hasSuffix("\n") ? "" : "\n") + "EXAMPLES:")
                // An example too long for a narrow terminal wraps between words, hanging.
                Console().list(examples.map { ListItem(lead: "  ", $0, hang: 6) }, paged: false)
            }
            return 0
        }
        let message = MarginaliaCommand.message(for: error)
        if !message.isEmpty { writeError("\(message) (see '\(helpHint)')") }
        return code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue
    }

    /// The session's context, unless the command line names a replica or colour of its
    /// own; questions are still answered as the session answers them (the REPL's line editor).
    private func context(for root: MarginaliaCommand) -> CommandContext {
        if let context, root.global.db == nil, root.global.colour == nil { return context }
        let made = CommandContext.make(options: root.global)
        made.isOneShot = context == nil
        if let context { made.answers = context.answers }
        return made
    }

    private func writeError(_ message: String) {
        StandardError.errorLine("marginalia: " + (location.map { "\($0): " } ?? "") + message)
    }
}
