import MarginaliaCore

/// Replica ids typed by people or carried in summaries.
enum ReplicaIDText {
    static func parse(_ text: String) -> ReplicaID? {
        ReplicaID(text.lowercased())
    }
}
