import CReadlineShim
import Dispatch
import MarginaliaCLI

/// Ctrl-C while a command runs cancels that command's task instead of ending the REPL.
/// A sync stops between batches, each of which is one transaction, so nothing is left
/// half-applied and the next sync resumes.
final class InterruptWatch {
    private var source: (any DispatchSourceRead)?

    /// Runs `operation` in a task that Ctrl-C cancels, and waits for it.
    func run<Value: Sendable>(_ operation: Handoff<() async -> Value>) async -> Value {
        // The source exists before the task starts, so `paused` always finds it.
        let source = DispatchSource.makeReadSource(fileDescriptor: marginalia_interrupt_descriptor(), queue: .global())
        self.source = source
        let task = Task { await operation.value() }
        source.setEventHandler {
            marginalia_drain_interrupts()
            task.cancel()
        }
        source.resume()
        let value = await task.value
        source.cancel()
        self.source = nil
        return value
    }

    /// Lets the line editor have Ctrl-C while a running command reads lines (the body
    /// of `add`): there it discards the text being typed.
    func paused<Value>(_ body: () throws -> Value) rethrows -> Value {
        let source = self.source
        source?.suspend()
        defer { source?.resume() }
        return try body()
    }
}
