import Foundation

/// The process entry point: runs one command line, or starts a session when none is given.
public enum MarginaliaMain {
    /// Runs `arguments` and returns the exit status (see `ExitStatus`). `startSession` runs
    /// when no command is given: the REPL, which lives in a module of its own above this one.
    public static func run(
        _ arguments: [String], startSession: (SessionRequest) async -> Int32
    ) async -> Int32 {
        // A peer that hangs up must show as a write error, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        switch await CommandExecutor(context: nil).execute(arguments) {
        case .finished(let status): return status
        case .session(let request): return await startSession(request)
        }
    }
}
