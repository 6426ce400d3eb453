/// How long a hub waits between its attempts to reach PostgreSQL again after losing it:
/// doubling from `first`, so that a restart of a few seconds is noticed a fraction of a
/// second after the server is back, up to `longest`, so that a long outage costs the
/// server one connection attempt per hub process every `longest`, and a session started
/// once the server is back waits at most that long.
struct ReconnectBackoff: Sendable {
    var first: Duration = .milliseconds(100)
    var longest: Duration = .seconds(2)

    /// The wait before the next attempt, once `failures` attempts (at least one) failed in a row.
    func delay(afterFailures failures: Int) -> Duration {
        var delay = first
        for _ in 1..<max(failures, 1) where delay < longest { delay *= 2 }
        return min(delay, longest)
    }
}
