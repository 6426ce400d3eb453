import MarginaliaCore
import MarginaliaStore

/// The entities a command line names (`rm`, `restore`), resolved before anything is
/// written so that one bad id changes nothing; each once, articles apart from
/// annotations, in the order given.
struct EntityList {
    private(set) var articles: [ResolvedEntity] = []
    private(set) var annotations: [ResolvedEntity] = []

    init(_ ids: [String], in replica: Replica) throws {
        var seen: Set<EntityID> = []
        for id in ids {
            let entity = try replica.resolve(id)
            guard seen.insert(entity.id).inserted else { continue }
            switch entity.kind {
            case .article: articles.append(entity)
            case .annotation: annotations.append(entity)
            }
        }
    }
}
