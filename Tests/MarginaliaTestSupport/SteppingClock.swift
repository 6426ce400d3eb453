import MarginaliaStore
import Synchronization

/// The one test double for time: a clock that advances one second per reading from a
/// fixed start, so change times, and everything derived from them, are deterministic.
public final class SteppingClock: WallClock {
    private let next: Mutex<Int64>

    public init(start: Int64 = 1_764_000_000_000) { next = Mutex(start) }

    public func now() -> Int64 {
        next.withLock { value in
            defer { value += 1000 }
            return value
        }
    }
}
