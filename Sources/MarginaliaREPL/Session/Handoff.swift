/// Hands the session's objects (its context, line source, line editor) to the task that
/// runs one command. The session waits for that task before it touches them again, so
/// they are never used from two places at once; the compiler cannot see that ordering.
struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}
