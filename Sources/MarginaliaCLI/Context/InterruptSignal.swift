import Dispatch
import Foundation

/// Ctrl-C during a one-shot command that can stop cleanly (a sync). Left to its default,
/// SIGINT ends marginalia at once while the peer's process, in a process group of its
/// own, goes on and complains of a broken pipe after the shell's prompt is back. Caught
/// here, it cancels the command instead, as the REPL's Ctrl-C does: the command stops,
/// ends its peer, and is reported `interrupted` (exit 130); what was committed is kept.
enum InterruptSignal {
    /// Runs `operation` in a task that SIGINT cancels, and waits for it. Only for one-shot
    /// use: the REPL catches SIGINT itself.
    static func cancelling<Value: Sendable>(_ operation: Handoff<() async throws -> Value>) async throws -> Value {
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        // The operation starts once libdispatch has put its handler in place: until then
        // Ctrl-C ends the process as it always did, before anything has started.
        let (registration, registered) = AsyncStream<Void>.makeStream()
        let task = Task {
            for await _ in registration {}
            return try await operation.value()
        }
        source.setRegistrationHandler { registered.finish() }
        source.setEventHandler { task.cancel() }
        source.resume()
        defer { source.cancel() }
        do {
            return try await task.value
        } catch {
            // However the command failed once cancelled (its peer ended under it), it was interrupted.
            if task.isCancelled { throw CancellationError() }
            throw error
        }
    }
}
