import MarginaliaCore
import MarginaliaStore

/// `status --json`.
struct StatusJSON: Encodable {
    struct ReplicaJSON: Encodable {
        var id: String
        var name: String
        var created: String
    }

    var replica: ReplicaJSON
    var path: String
    var articles: Int
    var annotations: Int
    var changes: Int
    var conflicts: Int
    var knowledge: VersionVector

    init(_ status: ReplicaStatus) {
        replica = ReplicaJSON(
            id: status.info.id.rawValue, name: status.info.name, created: JSONOutput.time(status.info.created))
        path = status.path
        articles = status.articles
        annotations = status.annotations
        changes = status.changes
        conflicts = status.openConflicts
        knowledge = status.knowledge
    }
}
