/// Hands a command's objects (the session's context, line source, line editor; a
/// command's replica) to the task that runs it, so that Ctrl-C can cancel that task.
/// The owner waits for the task before it touches them again, so they are never used
/// from two places at once; the compiler cannot see that ordering.
public struct Handoff<Value>: @unchecked Sendable {
    public let value: Value

    public init(value: Value) {
        self.value = value
    }
}
