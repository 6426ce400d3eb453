import Foundation
import MarginaliaStore

/// How long a write waits for another process's lock on the replica:
/// `$MARGINALIA_BUSY_TIMEOUT` seconds, else the store's default. Tests shorten it to see
/// the error quickly; a slow shared disk may want it longer.
enum BusyTimeout {
    static let variable = "MARGINALIA_BUSY_TIMEOUT"

    static func seconds(in environment: [String: String]) throws -> TimeInterval {
        guard let text = environment[variable], !text.isEmpty else { return Replica.defaultBusyTimeout }
        guard let seconds = TimeInterval(text), seconds.isFinite, seconds >= 0 else {
            throw UsageError("\(variable) must be a number of seconds, not '\(text)'")
        }
        return seconds
    }
}
