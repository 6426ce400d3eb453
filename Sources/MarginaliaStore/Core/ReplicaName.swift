import Foundation
import MarginaliaCore

/// Human names of replicas ("laptop", "office-desktop"): shown in prompts and conflicts.
enum ReplicaName {
    /// The host name without its domain, the default name of a new replica.
    static func hostDefault() -> String {
        let host = ProcessInfo.processInfo.hostName
        let short = host.split(separator: ".").first.map(String.init) ?? host
        return short.isEmpty ? "replica" : short
    }

    /// `name` NFC-normalized and trimmed, if it follows `ReplicaNameRule`.
    static func validated(_ name: String) throws -> String {
        guard let normalized = ReplicaNameRule.normalized(name) else { throw ReplicaError.invalidName(name) }
        return normalized
    }
}
