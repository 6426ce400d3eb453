import MarginaliaCore
import MarginaliaStore

/// `identity --json`, `identity rotate --json` and the identity in `status --json`:
/// the fingerprint and when it was made, never key material.
enum IdentityJSON {
    static func json(_ identity: IdentityInfo, replacing old: Fingerprint? = nil) -> JSONValue {
        .members([
            "fingerprint": identity.fingerprint.description, "created": JSONOutput.time(identity.created),
            "replaces": old?.description,
        ])
    }
}
