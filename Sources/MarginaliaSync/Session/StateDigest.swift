import Crypto
import Foundation
import MarginaliaStore

/// A short fingerprint of a replica's merged state (`status --digest`): replicas that
/// have applied the same changes have the same digest, whatever the order.
public enum StateDigest {
    /// SHA-256 of the canonical state lines, in hex.
    public static func of(_ replica: Replica) throws -> String {
        var hasher = SHA256()
        try replica.canonicalState { line in
            hasher.update(data: Data(line.utf8))
            hasher.update(data: Data([0x0A]))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
