import MarginaliaCore
import MarginaliaStore

/// Validates tag names given on the command line.
enum TagArguments {
    static func parse(_ names: [String]) throws -> [Tag] {
        try names.map { name in
            guard let tag = Tag(name) else { throw ReplicaError.invalidTag(name) }
            return tag
        }
    }
}
