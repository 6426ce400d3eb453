import Foundation
import Testing

/// The steps a seeded random run has taken, so that a failure names its seed, how to
/// replay it, and what led there.
final class RunTranscript {
    let seed: UInt64
    /// The environment variable that replays one seed (`MARGINALIA_SYNC_SEED`).
    let replay: String
    private(set) var steps: [String] = []

    init(seed: UInt64, replay: String) {
        self.seed = seed
        self.replay = replay
    }

    func log(_ step: String) { steps.append(step) }

    /// Prints every step when the environment sets `variable` (`MARGINALIA_SYNC_VERBOSE`),
    /// to follow a run that passes.
    func printIfVerbose(_ variable: String) {
        if ProcessInfo.processInfo.environment[variable] != nil {
            print("seed \(seed):\n  " + steps.joined(separator: "\n  "))
        }
    }

    private var context: String {
        "seed \(seed) (\(replay)=\(seed) to replay); last steps:\n  " + steps.suffix(40).joined(separator: "\n  ")
    }

    /// Records a failure, with the context, unless `condition` holds.
    func check(_ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
        if !condition { Issue.record("\(message())\n\(context)", sourceLocation: sourceLocation) }
    }

    /// Records a failure, with the context, and stops the run unless `condition` holds.
    func require(_ condition: Bool, _ message: @autoclosure () -> String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        if !condition {
            Issue.record("\(message())\n\(context)", sourceLocation: sourceLocation)
            throw LabError("seed \(seed): \(message())")
        }
    }
}
