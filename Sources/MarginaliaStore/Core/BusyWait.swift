import Foundation
import Synchronization

/// How a replica's connection waits for another process's write lock: it tries again
/// every millisecond until `timeout` has passed since its first try.
///
/// Why not SQLite's own busy timeout: it sleeps longer and longer between tries, up to
/// 100 ms, so a process that holds the lock nearly all the time and lets go of it only
/// for a moment between short transactions (the full-text indexes' build, in steps:
/// `SearchIndex.buildStep`) kept another one waiting until its timeout.
final class BusyWait: Sendable {
    private let timeout: Duration
    /// When the current wait began (SQLite numbers the tries of each wait from 0).
    private let started = Mutex<ContinuousClock.Instant?>(nil)

    init(timeout: TimeInterval) {
        self.timeout = .milliseconds(Int64(timeout * 1_000))
    }

    /// SQLite's busy handler: whether to try again after `tries` failed tries.
    func tryAgain(after tries: Int) -> Bool {
        let now = ContinuousClock.now
        let start = started.withLock { start in
            if tries == 0 || start == nil { start = now }
            return start!
        }
        guard now - start < timeout else { return false }
        Thread.sleep(forTimeInterval: 0.001)
        return true
    }
}
