import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MarginaliaTestSupport
import Testing

/// Where the SIGKILLs of the fault tests land: seeded random delays, so a failure can be
/// replayed. `MARGINALIA_FAULT_SEED=S` changes the delays (default 2026; every report
/// names it); `MARGINALIA_FAULT_SCALE=N` multiplies the number of kills for a longer run.
struct KillSchedule {
    static let seed = ProcessInfo.processInfo.environment["MARGINALIA_FAULT_SEED"].flatMap { UInt64($0) } ?? 2026
    static let scale = ProcessInfo.processInfo.environment["MARGINALIA_FAULT_SCALE"].flatMap { Int($0) } ?? 1

    /// How many kills a scenario makes: `base` in CI, more when scaled.
    let kills: Int
    /// The longest delay, in seconds: about how long the victim runs.
    private(set) var reach: Double
    private var random: SplitMix64

    /// A schedule of `base` kills after delays up to `reach` seconds; `scenario` keeps the
    /// scenarios' delays apart.
    init(base: Int, scenario: UInt64, reach: Double) {
        kills = base * max(Self.scale, 1)
        self.reach = reach
        random = SplitMix64(seed: Self.seed &+ scenario)
    }

    /// The next delay in seconds, up to `reach`.
    mutating func nextDelay() -> Double {
        Double(random.int(0...1_000)) / 1_000 * reach
    }

    /// A kill that came after the victim had ended shortens `reach` by a quarter, so
    /// most kills land while it runs even when the machine is less busy than when
    /// `reach` was measured.
    mutating func note(_ kill: Kill) {
        if !kill.landedMidway { reach *= 0.75 }
    }
}

/// What one kill did.
struct Kill {
    /// What the killed process had printed.
    var result: RunResult
    /// Whether it was still running when the signal came (it may have finished first).
    var landedMidway: Bool
}

extension RunningProcess {
    /// Lets the process run for `seconds` or until it ends; returns whether it still runs.
    func runs(for seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(1_000) }
        return process.isRunning
    }

    /// Lets the process run for `seconds` (or until it ends), then SIGKILLs it.
    func kill(after seconds: Double) throws -> Kill {
        let midway = runs(for: seconds)
        Glibc.kill(process.processIdentifier, SIGKILL)
        return Kill(result: try finish(), landedMidway: midway)
    }
}

extension ReplicaNode {
    /// After a kill: SQLite's integrity check passes and no committed change is gone
    /// (the replica holds at least `committed` changes). Returns the number it holds.
    @discardableResult
    func expectIntact(committed: Int, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Int
    {
        let integrity = try sqlite3("PRAGMA integrity_check")
        #expect(integrity.output == "ok", "\(comment): \(self): \(integrity)", sourceLocation: sourceLocation)
        let changes = try status(sourceLocation: sourceLocation).changes
        #expect(changes >= committed, "\(comment): \(self) had \(committed) changes, now \(changes)",
                sourceLocation: sourceLocation)
        return changes
    }

    /// The ids of the articles `list` shows.
    func articleIDs(sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<String> {
        Set(try jsonLines(ArticleSummaryDoc.self, "list", "--json", sourceLocation: sourceLocation).map(\.id))
    }
}
