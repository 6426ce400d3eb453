import MarginaliaCore
import MarginaliaHub

/// `hub status --json`.
enum HubStatusJSON {
    static func json(_ status: HubStatus) -> JSONValue {
        .members([
            "hub": JSONValue.members(["id": status.id.rawValue, "name": status.name]),
            "identity": JSONValue.members(["fingerprint": status.fingerprint.description]),
            "database": status.database, "schema_version": status.schemaVersion,
            "changes": status.changes, "replicas": status.origins, "knowledge": status.knowledge,
            "log_digest": status.logDigest.description,
        ])
    }
}
