import MarginaliaCore
import MarginaliaStore

/// `status --json`.
enum StatusJSON {
    static func json(_ status: ReplicaStatus) -> JSONValue {
        .members([
            "replica": JSONValue.members([
                "id": status.info.id.rawValue, "name": status.info.name, "created": JSONOutput.time(status.info.created),
            ]),
            "identity": IdentityJSON.json(status.identity),
            "path": status.path, "articles": status.articles, "annotations": status.annotations,
            "changes": status.changes, "conflicts": status.openConflicts, "knowledge": status.knowledge,
        ])
    }
}
