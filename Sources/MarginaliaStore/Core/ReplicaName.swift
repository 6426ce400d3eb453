import Foundation
import MarginaliaCore

/// Human names of replicas ("laptop", "office-desktop"): shown in prompts and conflicts.
enum ReplicaName {
    static let maximumLength = 64

    /// The host name without its domain, the default name of a new replica.
    static func hostDefault() -> String {
        let host = ProcessInfo.processInfo.hostName
        let short = host.split(separator: ".").first.map(String.init) ?? host
        return short.isEmpty ? "replica" : short
    }

    /// `name` NFC-normalized and trimmed, if it is 1 to 64 characters without control characters.
    static func validated(_ name: String) throws -> String {
        let trimmed = TextNormalization.nfc(name).trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...maximumLength).contains(trimmed.count),
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw ReplicaError.invalidName(name) }
        return trimmed
    }
}
