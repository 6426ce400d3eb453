/// Finds the value a conflict's competing values were edited from, in the change log.
///
/// The siblings of a conflicted register are concurrent: none saw the others. Their
/// common ancestor is the latest change writing the field that every sibling's
/// causal context covers, the last value all the editors had seen. When earlier
/// values were themselves concurrent, the latest by Lamport timestamp (then replica
/// id) is taken, as the register displays it; since Lamport timestamps follow
/// causality, a change is always preferred to any it saw.
public enum CommonAncestor {
    /// The change holding the common ancestor of `siblings` in `field`, among
    /// `changes` (the entity's log), or nil when no change before all of them wrote
    /// the field or a sibling's change is missing.
    public static func find(of field: FieldName, siblings: [Dot], in changes: [Change]) -> Change? {
        let byDot = Dictionary(changes.map { ($0.dot, $0) }, uniquingKeysWith: { first, _ in first })
        let contexts = siblings.compactMap { byDot[$0]?.context }
        guard !contexts.isEmpty, contexts.count == siblings.count else { return nil }
        return changes
            .filter { change in change.fields[field] != nil && contexts.allSatisfy { $0.covers(change.dot) } }
            .max { ($0.lamport, $0.dot.replica) < ($1.lamport, $1.dot.replica) }
    }
}
