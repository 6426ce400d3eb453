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
            "log_digest": status.logDigest.description, "diverged": JSONValue.array(status.divergences.map(divergence)),
        ])
    }

    /// A peer found to hold the same changes with other content.
    static func divergence(_ divergence: Divergence) -> JSONValue {
        .members([
            "replica": divergence.peer.rawValue, "name": divergence.peerName, "found": JSONOutput.time(divergence.found),
            "digest_here": divergence.local.description, "digest_there": divergence.remote?.description,
        ])
    }
}
