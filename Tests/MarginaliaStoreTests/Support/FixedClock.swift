import MarginaliaStore
import Synchronization

/// A clock that advances one second per reading, from a fixed start: deterministic change times.
final class FixedClock: WallClock {
    private let next: Mutex<Int64>

    init(start: Int64 = 1_764_000_000_000) { next = Mutex(start) }

    func now() -> Int64 {
        next.withLock { value in
            defer { value += 1000 }
            return value
        }
    }
}
